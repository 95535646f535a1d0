package rock.intercom.sip.call;

import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import rock.intercom.call.media.SdpAnswer;

/**
 * An INVITE inside an established dialog (RFC 3261 §14.2), typically hold and unhold: the media
 * side answers the new offer (it honours sendonly/inactive, RFC 3264 §8.4) and we reply 200 with
 * that answer; an offerless re-INVITE gets our current SDP. A refused offer gets 488 and the call
 * continues with the old session (§14.2); a re-INVITE for an unknown call gets 481.
 */
final class ReInviteHandler extends ServerRequestHandler {

    ReInviteHandler(CallContext context) {
        super(context);
    }

    @Override
    boolean belongsToAKnownCall(Request request, String callId) {
        return context.legs().find(callId).filter(CallLeg::answered).isPresent();
    }

    @Override
    void handle(Request request, String callId, ServerTransaction transaction) {
        CallLeg<?> leg = context.legs().find(callId).filter(CallLeg::answered).orElse(null);
        answer("re-INVITE", callId, () -> {
            if (leg == null) {
                transaction.sendResponse(Messages.response(context, request,
                        Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null, null));
                return;
            }
            String offer = Messages.sdpBody(request);
            String body = leg.localSdp();
            if (offer != null) {
                SdpAnswer answer = context.media().answer(callId, offer);
                if (answer instanceof SdpAnswer.Refusal refusal) {
                    transaction.sendResponse(Messages.response(context, request, refusal.sipStatus(), null, null));
                    log.info("re-INVITE {} refused with {}: {}", callId, refusal.sipStatus(), refusal.reason());
                    return;
                }
                body = ((SdpAnswer.Answer) answer).sdp();
            }
            Response ok = Messages.response(context, request, Response.OK, null, null);
            ok.addHeader(context.stack().contact());
            if (body != null) {
                Messages.setSdp(ok, context.stack().headerFactory(), body);
                leg.localSdp(body);
            }
            transaction.sendResponse(ok);
            log.info("re-INVITE {} answered", callId);
        });
    }
}
