package rock.intercom.call;

import static org.assertj.core.api.Assertions.assertThat;
import static rock.intercom.call.Script.PRESS;
import static rock.intercom.call.Script.answered;
import static rock.intercom.call.Script.rejected;
import static rock.intercom.call.Script.ringing;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The screen texts of issue 4: {@code Dialing 400…}, {@code Ringing 400…}, {@code Connected 400}… */
class ScreenTextTest {

    static Stream<Arguments> screens() {
        return Stream.of(
                Arguments.of(List.of(), "Idle"),
                Arguments.of(List.of(PRESS), "Dialing 400…"),
                Arguments.of(List.of(PRESS, ringing("call-1")), "Ringing 400…"),
                Arguments.of(List.of(PRESS, ringing("call-1"), answered("call-1")), "Connected 400"),
                Arguments.of(List.of(PRESS, rejected("call-1", 486, "")), "Dialing 401…"),
                Arguments.of(List.of(PRESS, rejected("call-1", 486, ""), rejected("call-2", 486, ""),
                        rejected("call-3", 486, "")), "Call failed"),
                Arguments.of(List.of(PRESS, answered("call-1"), PRESS), "Idle"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("screens")
    void screenReads(List<CallInput> inputs, String text) {
        var harness = new Harness();

        harness.run(inputs);

        assertThat(harness.call.screen().text()).isEqualTo(text);
        var shown = harness.all.stream().filter(CallCommand.ShowScreen.class::isInstance)
                .map(c -> ((CallCommand.ShowScreen) c).screen().text()).reduce((a, b) -> b).orElse("Idle");
        assertThat(shown).as("last ShowScreen command agrees with the state").isEqualTo(text);
    }
}
