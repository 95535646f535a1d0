package rock.intercom.sip.call;

import javax.sip.SipException;
import javax.sip.message.Request;
import rock.intercom.call.CallInput;
import rock.intercom.sip.call.OutgoingLeg.Phase;

/** Acknowledges the 2xx to our INVITE on its dialog (RFC 3261 §13.2.2.4), confirming it. */
final class AckSender extends CallOperation {

    AckSender(CallContext context) {
        super(context);
    }

    void ack(String callId) {
        context.legs().outgoing(callId).ifPresentOrElse(leg -> {
            if (leg.phase() != Phase.ANSWERED || leg.dialog() == null) {
                log.debug("ACK for {} in phase {}: nothing to acknowledge", callId, leg.phase());
                return;
            }
            try {
                Request ack = leg.dialog().createAck(leg.answeredCseq());
                leg.dialog().sendAck(ack);
                leg.acknowledged(ack);
                log.info("ACK {}", callId);
            } catch (SipException | javax.sip.InvalidArgumentException e) {
                context.inputs().post(new CallInput.DialogFailed(callId, "ACK not sent: " + InviteClient.rootMessage(e)));
            }
        }, () -> log.debug("ACK for unknown Call-ID {}", callId));
    }
}
