package rock.intercom.sip.call;

import java.text.ParseException;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.message.Response;
import rock.intercom.call.CallInput;
import rock.intercom.call.media.MediaProblem;
import rock.intercom.call.media.SdpAnswer;
import rock.intercom.call.media.SdpOffer;
import rock.intercom.sip.call.IncomingLeg.Phase;

/**
 * Answers or rejects an incoming INVITE as the call driver decided. The 200 OK carries our SDP
 * answer (or our offer when the INVITE had none, RFC 3264 §4). An offer the media side refuses
 * is reported as {@link CallInput.MediaFailed} and left for the driver to reject with 488; an
 * offer that is not SDP at all is rejected here with 400 at once.
 */
final class InviteAnswerer extends CallOperation {

    InviteAnswerer(CallContext context) {
        super(context);
    }

    void answer(String callId) {
        IncomingLeg leg = context.legs().incoming(callId).filter(l -> l.phase() == Phase.OFFERED).orElse(null);
        if (leg == null) {
            log.debug("answer for {}: no incoming INVITE waiting", callId);
            return;
        }
        String body;
        if (leg.remoteOffer() == null) {
            SdpOffer offer = context.media().offer(callId);
            if (offer instanceof MediaProblem problem) {
                context.inputs().post(new CallInput.MediaFailed(callId, problem.reason()));
                return;
            }
            body = ((SdpOffer.Offer) offer).sdp();
        } else {
            SdpAnswer answer = context.media().answer(callId, leg.remoteOffer());
            if (answer instanceof SdpAnswer.Refusal refusal) {
                if (refusal.sipStatus() == Response.BAD_REQUEST) {
                    // The parser's words stay in the log: a reason phrase tells a stranger nothing of ours.
                    log.info("incoming INVITE {}: offer unusable: {}", callId, refusal.reason());
                    reject(callId, Response.BAD_REQUEST, "Bad SDP");
                }
                context.inputs().post(new CallInput.MediaFailed(callId, refusal.reason()));
                return;
            }
            SdpAnswer.Answer agreed = (SdpAnswer.Answer) answer;
            body = agreed.sdp();
            leg.agreedMedia(agreed.media());
        }
        try {
            Response ok = Messages.response(context, leg.request(), Response.OK, null, leg.toTag());
            ok.addHeader(context.stack().contact());
            ok.addHeader(context.stack().headerFactory().createAllowHeader(Messages.ALLOW));
            Messages.setSdp(ok, context.stack().headerFactory(), body);
            // The dialog is made only for an INVITE being answered: a refused one (every stranger's) leaves
            // no dialog holding its transaction and request after the refusal.
            leg.dialog(Dialogs.of(context.stack().provider(), leg.invite()));
            leg.invite().sendResponse(ok);
            leg.localSdp(body);
            leg.phase(Phase.ANSWERED);
            log.info("incoming INVITE {} answered", callId);
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            context.legs().end(leg);
            context.inputs().post(new CallInput.DialogFailed(callId, "200 OK not sent: " + InviteClient.rootMessage(e)));
        }
    }

    void reject(String callId, int status, String reason) {
        IncomingLeg leg = context.legs().incoming(callId).filter(l -> l.phase() == Phase.OFFERED).orElse(null);
        if (leg == null) {
            log.debug("reject for {}: no incoming INVITE waiting", callId);
            return;
        }
        context.legs().end(leg);
        try {
            leg.invite().sendResponse(Messages.response(context, leg.request(), status, reason, leg.toTag()));
            StatelessRefusals.release(leg.invite());
            // Strangers are refused here too: one line per refusal would let a flood write the disk full.
            StatelessRefusals.log(leg.request(), status);
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            log.warn("rejecting incoming INVITE {} failed: {}", callId, e.toString());
        }
    }
}
