package rock.intercom.call;

import static org.assertj.core.api.Assertions.assertThat;
import static rock.intercom.call.Script.PRESS;
import static rock.intercom.call.Script.answered;
import static rock.intercom.call.Script.callTimeout;
import static rock.intercom.call.Script.event;
import static rock.intercom.call.Script.out;
import static rock.intercom.call.Script.rejected;
import static rock.intercom.call.Script.ringing;

import java.util.List;
import org.junit.jupiter.api.Test;
import rock.intercom.call.CallCommand.SendCancel;
import rock.intercom.call.CallCommand.SendInvite;
import rock.intercom.events.SecurityEventName;
import rock.intercom.testkit.TestDevices;

/** Issue 4's fallback scenario: 400 busy, 401 never answers, 402 answers — the exact events. */
class FallbackSequenceTest {

    @Test
    void busyThenNoAnswerThenAnsweredGivesTheExactEventSequence() {
        var harness = new Harness();

        harness.run(List.of(PRESS, ringing("call-1"), rejected("call-1", 486, "Busy Here"),
                ringing("call-2"), callTimeout("call-2"),
                ringing("call-3"), answered("call-3"), PRESS));

        assertThat(harness.events()).containsExactly(
                event(SecurityEventName.DIALING, out("call-1", "400", 1, 3)),
                event(SecurityEventName.CALL_FAILED, out("call-1", "400", 1, 3,
                        "sipStatus", 486, "reason", "busy", "sipReason", "Busy Here")),
                event(SecurityEventName.DIALING, out("call-2", "401", 2, 3)),
                event(SecurityEventName.CALL_FAILED, out("call-2", "401", 2, 3, "reason", "no answer")),
                event(SecurityEventName.DIALING, out("call-3", "402", 3, 3)),
                event(SecurityEventName.CALL_ESTABLISHED, out("call-3", "402", 3, 3)),
                event(SecurityEventName.HANGING_UP, out("call-3", "402", 3, 3, "side", "device")));
        assertThat(harness.all).filteredOn(SendInvite.class::isInstance).containsExactly(
                new SendInvite("call-1", "400", 1, 3), new SendInvite("call-2", "401", 2, 3),
                new SendInvite("call-3", "402", 3, 3));
        assertThat(harness.all).filteredOn(SendCancel.class::isInstance).containsExactly(new SendCancel("call-2"));
        assertThat(harness.call.state()).isInstanceOf(CallState.Idle.class);
    }

    @Test
    void noFallbackNumbersStillEndsWithAllNumbersTried() {
        var harness = new Harness(TestDevices.outgoing("400", List.of(), 30));

        harness.run(List.of(PRESS, ringing("call-1"), callTimeout("call-1")));

        assertThat(harness.events()).containsExactly(
                event(SecurityEventName.DIALING, out("call-1", "400", 1, 1)),
                event(SecurityEventName.CALL_FAILED, out("call-1", "400", 1, 1, "reason", "no answer")),
                event(SecurityEventName.CALL_FAILED, out("call-1", "400", 1, 1,
                        "reason", "all fallback numbers tried", "numbers", "400")));
        assertThat(harness.call.screen().text()).isEqualTo("Call failed");
    }

    @Test
    void cancellingStopsTheSequenceSoNoFurtherNumberIsDialled() {
        var harness = new Harness();

        harness.run(List.of(PRESS, ringing("call-1"), PRESS, callTimeout("call-1"),
                rejected("call-1", 487, "Request Terminated")));

        assertThat(harness.all).filteredOn(SendInvite.class::isInstance).hasSize(1);
        assertThat(harness.events()).extracting(CallCommand.RecordEvent::name)
                .containsExactly(SecurityEventName.DIALING, SecurityEventName.HANGING_UP);
        assertThat(harness.call.state()).isInstanceOf(CallState.Idle.class);
    }

    @Test
    void nothingToDialIsReportedAsCallFailedNotAHang() {
        var harness = new Harness(TestDevices.outgoing("", List.of(), 30));

        var commands = harness.later(PRESS);

        assertThat(commands).filteredOn(SendInvite.class::isInstance).isEmpty();
        assertThat(harness.events()).containsExactly(event(SecurityEventName.CALL_FAILED,
                java.util.Map.of("direction", "outgoing", "attempt", 0, "of", 0, "reason", "no call number configured")));
        assertThat(harness.call.state()).isInstanceOf(CallState.Failed.class);
    }

    @Test
    void sipDisabledDialsNothing() {
        var harness = new Harness(TestDevices.sipDisabled());

        harness.later(PRESS);

        assertThat(harness.all).filteredOn(SendInvite.class::isInstance).isEmpty();
        assertThat(harness.events()).extracting(e -> e.details().get("reason")).containsExactly("SIP is disabled");
    }
}
