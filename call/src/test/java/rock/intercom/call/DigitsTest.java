package rock.intercom.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import rock.intercom.call.media.AgreedMedia;

/**
 * DTMF digits reach the door release only from the call that is talking now: given a call in each
 * state, a digit for it or for another call gives a {@link CallCommand.HandleDigit} or nothing, and
 * never changes the call.
 */
class DigitsTest {

    private static final AgreedMedia RTP = new AgreedMedia("RTP", "PCMU");

    @Test
    void aDigitOfTheEstablishedOutgoingCallIsHandedOnWithItsLeg() {
        Harness harness = new Harness();
        harness.run(List.of(new CallInput.ButtonPressed()));
        String callId = harness.call.state().leg().callId();
        // Ringing: not yet talking.
        assertThat(harness.now(new CallInput.DigitReceived(callId, '1'))).isEmpty();
        harness.run(List.of(new CallInput.Answered(callId, RTP)));
        CallState before = harness.call.state();

        List<CallCommand> commands = harness.now(new CallInput.DigitReceived(callId, '4'));

        assertThat(commands).containsExactly(new CallCommand.HandleDigit(before.leg(), '4'));
        assertThat(before.leg().direction()).isEqualTo(CallDirection.OUTGOING);
        assertThat(harness.call.state()).isEqualTo(before);
        assertThat(harness.now(new CallInput.DigitReceived("some-other-call", '4'))).isEmpty();
    }

    @Test
    void aDigitOfTheEstablishedIncomingCallIsHandedOnAndNoneBeforeTheAck() {
        Harness harness = new Harness(IncomingCallTest.allowing());
        harness.run(List.of(IncomingCallTest.inviteFrom("in-1", IncomingCallTest.CALLER)));
        assertThat(harness.now(new CallInput.DigitReceived("in-1", '7'))).isEmpty();
        harness.run(List.of(new CallInput.IncomingAcknowledged("in-1", RTP)));

        List<CallCommand> commands = harness.now(new CallInput.DigitReceived("in-1", '7'));

        assertThat(commands).hasSize(1);
        CallCommand.HandleDigit digit = (CallCommand.HandleDigit) commands.get(0);
        assertThat(digit.digit()).isEqualTo('7');
        assertThat(digit.leg().direction()).isEqualTo(CallDirection.INCOMING);
        assertThat(digit.leg().callId()).isEqualTo("in-1");
    }

    @Test
    void aDigitWhileIdleDoesNothing() {
        Harness harness = new Harness();
        assertThat(harness.now(new CallInput.DigitReceived("x", '1'))).isEmpty();
        assertThat(harness.call.state()).isInstanceOf(CallState.Idle.class);
    }
}
