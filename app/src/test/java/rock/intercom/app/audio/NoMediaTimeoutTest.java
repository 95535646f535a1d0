package rock.intercom.app.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rock.intercom.settings.Encryption;
import rock.intercom.testkit.TestDevices;

/** {@code intercom.no_media_timeout_seconds}: whole seconds 1–3600, else the 10 s default. */
class NoMediaTimeoutTest {

    @ParameterizedTest(name = "''{0}'' -> {1} s")
    @CsvSource(value = {
        "<absent>, 10",
        "1, 1",
        "25, 25",
        "' 30 ', 30",
        "3600, 3600",
        "0, 10",
        "-5, 10",
        "3601, 10",
        "2.5, 10",
        "ten, 10",
        "'', 10"
    })
    void timeoutFromCustomConfiguration(String value, long seconds) {
        Map<String, String> custom = value.equals("<absent>") ? Map.of() : Map.of(NoMediaTimeout.KEY, value);
        assertThat(NoMediaTimeout.of(TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP, 80, 70, 5060, custom)))
                .isEqualTo(Duration.ofSeconds(seconds));
    }
}
