package rock.intercom.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Validation of the demo PBX settings. */
class DemoPbxOptionsTest {
    private static final Map<String, String> USERS = Map.of("505", "pw");

    @Test
    void defaults() {
        DemoPbxOptions o = DemoPbxOptions.of(0, USERS);
        assertThat(o.guardDeskExtension()).isEqualTo("400");
        assertThat(o.ringDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.toneHz()).isEqualTo(440);
    }

    @Test
    void passwordsStayOutOfToString() {
        assertThat(DemoPbxOptions.of(5060, Map.of("505", "very-secret")).toString())
            .contains("505").doesNotContain("very-secret");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
            Arguments.of("port too high", 70000, USERS, "400", Duration.ofSeconds(1), 440.0),
            Arguments.of("negative port", -1, USERS, "400", Duration.ofSeconds(1), 440.0),
            Arguments.of("empty password", 0, Map.of("505", ""), "400", Duration.ofSeconds(1), 440.0),
            Arguments.of("user with a space", 0, Map.of("5 05", "pw"), "400", Duration.ofSeconds(1), 440.0),
            Arguments.of("guard desk is a user", 0, Map.of("400", "pw"), "400", Duration.ofSeconds(1), 440.0),
            Arguments.of("bad guard desk", 0, USERS, "4 00", Duration.ofSeconds(1), 440.0),
            Arguments.of("negative ring delay", 0, USERS, "400", Duration.ofSeconds(-1), 440.0),
            Arguments.of("ring delay over a minute", 0, USERS, "400", Duration.ofMinutes(2), 440.0),
            Arguments.of("inaudible tone", 0, USERS, "400", Duration.ofSeconds(1), 5.0),
            Arguments.of("tone above G.711 band", 0, USERS, "400", Duration.ofSeconds(1), 5000.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refusesInvalid(String name, int port, Map<String, String> users, String ext, Duration ring, double hz) {
        assertThatThrownBy(() -> new DemoPbxOptions(port, users, ext, ring, hz))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
