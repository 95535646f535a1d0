package rock.intercom.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rock.intercom.settings.IncomingCalls;
import rock.intercom.testkit.TestDevices;

/** The auto-answer delay key and the dial-plan snapshot taken from settings. */
class AutoAnswerAndDialPlanTest {

    @ParameterizedTest(name = "''{0}'' → {1} ms")
    @CsvSource(delimiter = '|', value = {
            "0 | 0", "250 | 250", " 1500 | 1500", "-5 | 0", "soon | 0", "'' | 0", "999999 | 60000"})
    void answerDelayFromCustomConfiguration(String value, long millis) {
        var settings = TestDevices.incoming(new IncomingCalls(true, null, List.of()), Map.of(AutoAnswer.DELAY_KEY, value));

        assertThat(AutoAnswer.delay(settings)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void noKeyMeansAnswerAtOnce() {
        assertThat(AutoAnswer.delay(TestDevices.standard())).isZero();
    }

    @ParameterizedTest(name = "timeout {0} s → {1} s")
    @CsvSource({"35, 35", "0, 30", "-1, 30"})
    void callTimeoutFromCallOptions(int configured, long expected) {
        var plan = DialPlan.from(TestDevices.outgoing("400", List.of(" 401 ", "", "402"), configured));

        assertThat(plan.callTimeout()).isEqualTo(Duration.ofSeconds(expected));
        assertThat(plan.numbers()).containsExactly("400", "401", "402");
    }

    @Test
    void disabledSipDialsNothing() {
        assertThat(DialPlan.from(TestDevices.sipDisabled()).numbers()).isEmpty();
    }
}
