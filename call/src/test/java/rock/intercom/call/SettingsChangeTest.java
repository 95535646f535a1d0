package rock.intercom.call;

import static org.assertj.core.api.Assertions.assertThat;
import static rock.intercom.call.Script.PRESS;
import static rock.intercom.call.Script.answered;
import static rock.intercom.call.Script.callTimeout;
import static rock.intercom.call.Script.rejected;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import rock.intercom.call.CallCommand.SendInvite;
import rock.intercom.call.CallCommand.StartTimer;
import rock.intercom.testkit.TestDevices;

/** A settings change during a call does not drop it; it takes effect for the next call. */
class SettingsChangeTest {

    private static final CallInput NEW_NUMBERS =
            new CallInput.SettingsChanged(TestDevices.outgoing("500", List.of("501"), 10));

    @Test
    void establishedCallSurvivesAndTheNextCallUsesTheNewNumbers() {
        var harness = new Harness();
        harness.run(List.of(PRESS, answered("call-1")));

        var commands = harness.later(NEW_NUMBERS);

        assertThat(commands).isEmpty();
        assertThat(harness.call.state()).isEqualTo(new CallState.Established(
                new CallLeg("call-1", CallDirection.OUTGOING, "400", 1, 3)));

        harness.run(List.of(PRESS, PRESS));
        assertThat(harness.all).filteredOn(SendInvite.class::isInstance).last()
                .isEqualTo(new SendInvite("call-2", "500", 1, 2));
        assertThat(harness.all).filteredOn(StartTimer.class::isInstance).last()
                .isEqualTo(new StartTimer(Script.callTimer("call-2"), Duration.ofSeconds(10)));
    }

    @Test
    void fallbackInProgressKeepsTheSequenceItStartedWith() {
        var harness = new Harness();
        harness.run(List.of(PRESS, NEW_NUMBERS, rejected("call-1", 486, "Busy Here"), callTimeout("call-2")));

        assertThat(harness.all).filteredOn(SendInvite.class::isInstance).containsExactly(
                new SendInvite("call-1", "400", 1, 3), new SendInvite("call-2", "401", 2, 3),
                new SendInvite("call-3", "402", 3, 3));
        assertThat(harness.call.settings().sip().callNumber()).isEqualTo("500");
    }

    @Test
    void disablingIncomingCallsDuringAnIncomingCallKeepsItButRefusesTheNext() {
        var harness = new Harness(IncomingCallTest.allowing());
        harness.run(List.of(IncomingCallTest.inviteFrom("in-1", "sip:200@10.0.0.5"),
                new CallInput.IncomingAcknowledged("in-1")));

        harness.later(new CallInput.SettingsChanged(TestDevices.incoming(
                new rock.intercom.settings.IncomingCalls(false, null, List.of()), java.util.Map.of())));
        harness.later(new CallInput.RemoteHangUp("in-1"));
        var next = harness.later(IncomingCallTest.inviteFrom("in-2", "sip:200@10.0.0.5"));

        assertThat(harness.events()).extracting(e -> e.name().label())
                .containsExactly("Incoming Call", "Hanging Up", "Call Rejected");
        assertThat(next).first().isEqualTo(new CallCommand.RejectIncoming("in-2", 403, "Forbidden"));
    }
}
