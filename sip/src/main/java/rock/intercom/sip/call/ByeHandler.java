package rock.intercom.sip.call;

import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import rock.intercom.call.CallInput;

/** The remote side's BYE (RFC 3261 §15.1.2): 200 OK and {@link CallInput.RemoteHangUp}; unknown call → 481. */
final class ByeHandler extends ServerRequestHandler {

    ByeHandler(CallContext context) {
        super(context);
    }

    @Override
    boolean belongsToAKnownCall(Request request, String callId) {
        return context.legs().knows(callId);
    }

    @Override
    void handle(Request request, String callId, ServerTransaction transaction) {
        boolean known = context.legs().knows(callId);
        answer("BYE", callId, () -> {
            int status = known ? Response.OK : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST;
            transaction.sendResponse(Messages.response(context, request, status, null, null));
        });
        if (known) {
            context.legs().find(callId).ifPresent(context.legs()::end);
            log.info("remote BYE {}", callId);
            context.inputs().post(new CallInput.RemoteHangUp(callId));
        }
    }
}
