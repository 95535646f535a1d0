package rock.intercom.portal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rock.intercom.portal.PortalProblem;

class EventFilterTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "2026-01-31T12:00:00Z,       2026-01-31T12:00:00Z",
        "2026-01-31T12:00:00.250Z,   2026-01-31T12:00:00.250Z",
        "2026-01-31T14:00:00+02:00,  2026-01-31T12:00:00Z",
        "2026-01-31T12:00,           2026-01-31T12:00:00Z"})
    void timesAreIso8601AndWithoutAnOffsetUtc(String given, String expected) {
        EventFilter filter = EventFilter.parse(Map.of("from", List.of(given)));
        assertThat(filter.from()).isEqualTo(Instant.parse(expected));
    }

    @Test
    void namesAreRepeatableAndCommaSeparated() {
        EventFilter filter = EventFilter.parse(Map.of("name", List.of("Dialing,Call Failed", "Hanging Up", " ")));
        assertThat(filter.names()).isEqualTo(Set.of("Dialing", "Call Failed", "Hanging Up"));
        assertThat(filter.limit()).isEqualTo(EventFilter.DEFAULT_LIMIT);
        assertThat(filter.device()).isNull();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"limit,0", "limit,1001", "limit,x", "before,0", "from,31/01/2026", "to,noon"})
    void badValuesAre400(String key, String value) {
        assertThatThrownBy(() -> EventFilter.parse(Map.of(key, List.of(value))))
                .isInstanceOfSatisfying(PortalProblem.class, p -> assertThat(p.status()).isEqualTo(400))
                .hasMessageStartingWith(key);
    }

    @Test
    void deviceMayBeGivenOnce() {
        assertThatThrownBy(() -> EventFilter.parse(Map.of("device", List.of("a", "b"))))
                .hasMessageContaining("once");
    }
}
