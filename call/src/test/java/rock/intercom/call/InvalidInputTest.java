package rock.intercom.call;

import static org.assertj.core.api.Assertions.assertThat;
import static rock.intercom.call.Script.HANG_UP;
import static rock.intercom.call.Script.PRESS;
import static rock.intercom.call.Script.answered;
import static rock.intercom.call.Script.callTimeout;
import static rock.intercom.call.Script.rejected;
import static rock.intercom.call.Script.remoteBye;
import static rock.intercom.call.Script.ringing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rock.intercom.settings.IncomingCallMode;
import rock.intercom.settings.IncomingCalls;
import rock.intercom.testkit.TestDevices;

/**
 * Inputs that do not apply to a state are ignored: no command, same state, no exception. Each
 * row is a state (reached by a script) and one input that must not change it.
 */
class InvalidInputTest {

    private static final String CALLER = IncomingCallTest.CALLER;

    /** Inputs about a call the door does not have. */
    private static List<CallInput> aboutAnotherCall() {
        return List.of(ringing("other"), rejected("other", 486, "Busy Here"),
                new CallInput.TransportFailed("other", "x"), new CallInput.NoResponse("other"), remoteBye("other"),
                new CallInput.DialogFailed("other", "x"), new CallInput.MediaFailed("other", "x"), callTimeout("other"),
                new CallInput.TimerFired(new TimerId(TimerKind.ANSWER_DELAY, "other")),
                new CallInput.IncomingAcknowledged("other"), new CallInput.IncomingCancelled("other"));
    }

    static Stream<Arguments> rows() {
        var rows = new ArrayList<Arguments>();
        add(rows, "Idle", List.of(), aboutAnotherCall());
        add(rows, "Idle", List.of(), List.of(HANG_UP, new CallInput.TimerFired(Script.screenTimer())));
        add(rows, "Dialing", List.of(PRESS), aboutAnotherCall());
        add(rows, "Dialing", List.of(PRESS), List.of(new CallInput.Provisional("call-1", 100),
                remoteBye("call-1"), new CallInput.DialogFailed("call-1", "x"), new CallInput.MediaFailed("call-1", "x"),
                new CallInput.IncomingAcknowledged("call-1"), new CallInput.IncomingCancelled("call-1"),
                new CallInput.TimerFired(new TimerId(TimerKind.ANSWER_DELAY, "call-1")),
                new CallInput.TimerFired(Script.screenTimer())));
        add(rows, "Ringing", List.of(PRESS, ringing("call-1")), aboutAnotherCall());
        add(rows, "Ringing", List.of(PRESS, ringing("call-1")), List.of(ringing("call-1"),
                new CallInput.Provisional("call-1", 183), remoteBye("call-1"), new CallInput.IncomingAcknowledged("call-1")));
        var early = List.of(PRESS, Script.sessionProgress("call-1"));
        add(rows, "EarlyMedia", early, aboutAnotherCall());
        add(rows, "EarlyMedia", early, List.of(ringing("call-1"), Script.sessionProgress("call-1"),
                new CallInput.Provisional("call-1", 100), remoteBye("call-1"), new CallInput.MediaFailed("call-1", "x"),
                new CallInput.DialogFailed("call-1", "x"), new CallInput.IncomingAcknowledged("call-1"),
                new CallInput.TimerFired(Script.screenTimer())));
        add(rows, "Ringing", List.of(PRESS, ringing("call-1")), List.of(new CallInput.MediaFailed("call-1", "x")));
        var established = List.of(PRESS, answered("call-1"));
        add(rows, "Established (outgoing)", established, aboutAnotherCall());
        add(rows, "Established (outgoing)", established, List.of(ringing("call-1"), answered("call-1"),
                rejected("call-1", 487, "Request Terminated"), new CallInput.NoResponse("call-1"), callTimeout("call-1"),
                new CallInput.IncomingAcknowledged("call-1"), new CallInput.IncomingCancelled("call-1"),
                new CallInput.TimerFired(Script.screenTimer())));
        var failed = List.of(PRESS, rejected("call-1", 486, ""), rejected("call-2", 486, ""), rejected("call-3", 486, ""));
        add(rows, "Failed", failed, aboutAnotherCall());
        add(rows, "Failed", failed, List.of(HANG_UP, rejected("call-3", 486, ""), callTimeout("call-3")));
        var invite = IncomingCallTest.inviteFrom("in-1", CALLER);
        add(rows, "Answering", List.of(invite), aboutAnotherCall());
        add(rows, "Answering", List.of(invite), List.of(ringing("in-1"), answered("in-1"), remoteBye("in-1"),
                rejected("in-1", 486, ""), new CallInput.TimerFired(new TimerId(TimerKind.ANSWER_DELAY, "in-1")),
                callTimeout("in-1")));
        var incomingUp = List.of(invite, new CallInput.IncomingAcknowledged("in-1"));
        add(rows, "Established (incoming)", incomingUp, aboutAnotherCall());
        add(rows, "Established (incoming)", incomingUp, List.of(ringing("in-1"), answered("in-1"),
                new CallInput.IncomingAcknowledged("in-1"), new CallInput.IncomingCancelled("in-1"),
                new CallInput.NoResponse("in-1"), callTimeout("in-1"), rejected("in-1", 486, "")));
        return rows.stream();
    }

    private static void add(List<Arguments> rows, String state, List<CallInput> script, List<CallInput> probes) {
        for (CallInput probe : probes) {
            rows.add(Arguments.of(state, script, probe));
        }
    }

    @ParameterizedTest(name = "{0} ignores {2}")
    @MethodSource("rows")
    void inapplicableInputIsIgnored(String stateName, List<CallInput> script, CallInput probe) {
        var harness = new Harness(TestDevices.build("400", List.of("401", "402"), 30,
                new IncomingCalls(true, IncomingCallMode.EXTENSION_LIST, List.of(CALLER)), Map.of(), true));
        harness.run(script);
        CallState before = harness.call.state();

        var commands = harness.later(probe);

        assertThat(commands).isEmpty();
        assertThat(harness.call.state()).isEqualTo(before);
    }
}
