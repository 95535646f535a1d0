package rock.intercom.sip.call;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.call.CallInput;

/** The remote side's BYE (RFC 3261 §15.1.2): 200 OK and {@link CallInput.RemoteHangUp}; unknown call → 481. */
final class ByeHandler extends ServerRequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ByeHandler.class);

    ByeHandler(CallContext context) {
        super(context, LOG);
    }

    @Override
    void handle(RequestEvent event, ServerTransaction transaction) {
        String callId = Messages.callId(event.getRequest());
        boolean known = context.legs().knows(callId);
        answer("BYE", callId, () -> {
            int status = known ? Response.OK : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST;
            transaction.sendResponse(Messages.response(context, event.getRequest(), status, null, null));
        });
        if (known) {
            context.legs().find(callId).ifPresent(leg -> {
                if (leg instanceof OutgoingLeg outgoing) {
                    outgoing.phase(OutgoingLeg.Phase.ENDED);
                } else if (leg instanceof IncomingLeg incoming) {
                    incoming.phase(IncomingLeg.Phase.ENDED);
                }
            });
            context.legs().remove(callId);
            LOG.info("remote BYE {}", callId);
            context.inputs().post(new CallInput.RemoteHangUp(callId));
        }
    }
}
