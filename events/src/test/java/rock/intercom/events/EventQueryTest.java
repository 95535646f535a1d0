package rock.intercom.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventQueryTest {

    private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("limit 0", 0, null, null, null, "limit must be 1..1000, was 0"),
                Arguments.of("limit negative", -5, null, null, null, "limit must be 1..1000"),
                Arguments.of("limit above max", 1001, null, null, null, "limit must be 1..1000, was 1001"),
                Arguments.of("from after to", 10, T.plusMillis(1), T, null, "must not be after to"),
                Arguments.of("before id 0", 10, null, null, 0L, "before must be a positive event id"),
                Arguments.of("before id negative", 10, null, null, -3L, "before must be a positive event id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidQueryIsRejected(String row, int limit, Instant from, Instant to, Long beforeId, String message) {
        assertThatThrownBy(() -> new EventQuery(null, null, from, to, beforeId, limit))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("limit 1", 1, null, null, null),
                Arguments.of("limit max", 1000, null, null, null),
                Arguments.of("from equals to", 10, T, T, null),
                Arguments.of("before id 1", 10, null, null, 1L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void validQueryIsKept(String row, int limit, Instant from, Instant to, Long beforeId) {
        EventQuery query = new EventQuery("rockx-505", Set.of("Dialing"), from, to, beforeId, limit);

        assertThat(query.limit()).isEqualTo(limit);
        assertThat(query.beforeId()).isEqualTo(beforeId);
    }

    @Test
    void nullNamesMeanEveryName() {
        assertThat(new EventQuery(null, null, null, null, null, 5).names()).isEmpty();
    }

    @Test
    void withersChangeOneField() {
        EventQuery query = EventQuery.newest(20).withDevice("rockx-505").withNames(Set.of("Dialing"))
                .withRange(T, T.plusSeconds(60)).withBeforeId(42);

        assertThat(query).isEqualTo(new EventQuery("rockx-505", Set.of("Dialing"), T, T.plusSeconds(60), 42L, 20));
    }
}
