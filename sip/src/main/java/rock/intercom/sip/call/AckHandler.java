package rock.intercom.sip.call;

import javax.sip.RequestEvent;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import rock.intercom.call.CallInput;
import rock.intercom.call.media.AgreedMedia;
import rock.intercom.call.media.MediaProblem;
import rock.intercom.call.media.RemoteAnswer;
import rock.intercom.sip.call.IncomingLeg.Phase;

/**
 * The ACK for our 2xx to an incoming INVITE (RFC 3261 §13.3.1.4): confirms the dialog, takes the
 * caller's SDP answer when we offered in the 2xx, and sends a BYE the driver asked for meanwhile.
 * ACKs for re-INVITE answers only confirm; they are not reported again.
 */
final class AckHandler extends CallOperation {

    private final ByeSender byes;

    AckHandler(CallContext context, ByeSender byes) {
        super(context);
        this.byes = byes;
    }

    void onAck(RequestEvent event) {
        String callId = Messages.callId(event.getRequest());
        context.legs().incoming(callId).ifPresentOrElse(leg -> {
            Phase phase = leg.phase();
            if (phase != Phase.ANSWERED && phase != Phase.BYE_AFTER_ACK) {
                return;
            }
            if (!confirmsOurAnswer(leg, event.getRequest())) {
                log.info("ACK for {} ignored: its To tag is not the one our 200 OK carried", callId);
                return;
            }
            if (event.getDialog() != null) {
                leg.dialog(event.getDialog());
            }
            leg.phase(Phase.CONFIRMED);
            if (phase == Phase.BYE_AFTER_ACK) {
                byes.sendOn(leg);
                return;
            }
            if (leg.remoteOffer() != null) {
                context.inputs().post(new CallInput.IncomingAcknowledged(callId, leg.agreedMedia()));
                return;
            }
            // We offered in the 2xx: the ACK's answer is applied first, so the input carries its media.
            String answer = Messages.sdpBody(event.getRequest());
            RemoteAnswer applied = answer == null
                    ? new MediaProblem("ACK without the SDP answer to our offer")
                    : context.media().accepted(callId, answer);
            AgreedMedia media = applied instanceof RemoteAnswer.Usable usable ? usable.media() : null;
            context.inputs().post(new CallInput.IncomingAcknowledged(callId, media));
            if (applied instanceof MediaProblem problem) {
                context.inputs().post(new CallInput.MediaFailed(callId, problem.reason()));
            }
        }, () -> log.debug("ACK for unknown call {}", callId));
    }

    /**
     * Only the ACK carrying our 2xx's To tag confirms the dialog (RFC 3261 §12.2.2, §13.3.1.4):
     * whoever forged the INVITE's source address never saw that 2xx, so cannot start the door's
     * audio with a blind ACK.
     */
    private static boolean confirmsOurAnswer(IncomingLeg leg, Request ack) {
        ToHeader to = (ToHeader) ack.getHeader(ToHeader.NAME);
        return to != null && leg.toTag().equals(to.getTag());
    }
}
