package rock.intercom.call;

import static org.assertj.core.api.Assertions.assertThat;
import static rock.intercom.call.Script.PRESS;
import static rock.intercom.call.Script.answered;
import static rock.intercom.call.Script.remoteBye;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The button debounce window ({@link DoorCall#DEBOUNCE}, 500 ms) after a press or a state change. */
class DebounceTest {

    static Stream<Arguments> secondPress() {
        return Stream.of(
                Arguments.of(0, false),
                Arguments.of(5, false),
                Arguments.of(499, false),
                Arguments.of(500, true),
                Arguments.of(2000, true));
    }

    @ParameterizedTest(name = "second press {0} ms after the first accepted: {1}")
    @MethodSource("secondPress")
    void bouncingContactDoesNotCancelTheCallItStarted(long afterMillis, boolean accepted) {
        var harness = new Harness();
        harness.later(PRESS);

        harness.advance(Duration.ofMillis(afterMillis));
        var commands = harness.now(PRESS);

        assertThat(commands.isEmpty()).isEqualTo(!accepted);
        assertThat(harness.call.state()).isInstanceOf(accepted ? CallState.Idle.class : CallState.Dialing.class);
    }

    @ParameterizedTest(name = "press {0} ms after the remote hung up starts a call: {1}")
    @MethodSource("secondPress")
    void pressRightAfterTheCallEndedIsIgnored(long afterMillis, boolean accepted) {
        var harness = new Harness();
        harness.later(PRESS);
        harness.later(answered("call-1"));
        harness.later(remoteBye("call-1"));

        harness.advance(Duration.ofMillis(afterMillis));
        harness.now(PRESS);

        assertThat(harness.call.state()).isInstanceOf(accepted ? CallState.Dialing.class : CallState.Idle.class);
    }

    @Test
    void aBurstOfBouncesStartsExactlyOneCall() {
        var harness = new Harness();
        harness.later(PRESS);
        for (int i = 0; i < 20; i++) {
            harness.advance(Duration.ofMillis(10));
            harness.now(PRESS);
        }

        assertThat(harness.all).filteredOn(CallCommand.SendInvite.class::isInstance).hasSize(1);
        assertThat(harness.all).filteredOn(CallCommand.SendCancel.class::isInstance).isEmpty();
    }

    @Test
    void sipInputsAreNeverDebounced() {
        var harness = new Harness();
        harness.later(PRESS);

        var commands = harness.now(answered("call-1"));

        assertThat(commands).isNotEmpty();
        assertThat(harness.call.state()).isInstanceOf(CallState.Established.class);
    }
}
