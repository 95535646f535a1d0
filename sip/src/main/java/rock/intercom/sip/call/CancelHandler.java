package rock.intercom.sip.call;

import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import rock.intercom.call.CallInput;
import rock.intercom.sip.call.IncomingLeg.Phase;

/**
 * The caller's CANCEL (RFC 3261 §9.2): 200 OK to the CANCEL; if the INVITE is still unanswered,
 * 487 Request Terminated to it and {@link CallInput.IncomingCancelled}. A CANCEL that matches no
 * INVITE gets 481.
 */
final class CancelHandler extends ServerRequestHandler {

    CancelHandler(CallContext context) {
        super(context);
    }

    @Override
    boolean belongsToAKnownCall(Request request, String callId) {
        return context.legs().incoming(callId).isPresent();
    }

    @Override
    void handle(Request request, String callId, ServerTransaction transaction) {
        IncomingLeg leg = context.legs().incoming(callId).orElse(null);
        answer("CANCEL", callId, () -> {
            if (leg == null) {
                transaction.sendResponse(Messages.response(context, request,
                        Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null, Messages.newTag()));
                return;
            }
            transaction.sendResponse(Messages.response(context, request, Response.OK, null, leg.toTag()));
            if (leg.phase() != Phase.OFFERED) {
                return;
            }
            context.legs().end(leg);
            leg.invite().sendResponse(Messages.response(context, leg.request(), Response.REQUEST_TERMINATED, null,
                    leg.toTag()));
            log.info("incoming INVITE {} cancelled by the caller", callId);
            context.inputs().post(new CallInput.IncomingCancelled(callId));
        });
    }
}
