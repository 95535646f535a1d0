package rock.intercom.sip.call;

import java.text.ParseException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.call.CallInput;

/** The remote side's BYE (RFC 3261 §15.1.2): 200 OK and {@link CallInput.RemoteHangUp}; unknown call → 481. */
final class ByeHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ByeHandler.class);

    private final CallContext context;

    ByeHandler(CallContext context) {
        this.context = context;
    }

    void onBye(RequestEvent event) {
        ServerTransaction transaction = ServerTransactions.of(context, event);
        if (transaction == null) {
            return;
        }
        String callId = Messages.callId(event.getRequest());
        boolean known = context.legs().knows(callId);
        try {
            int status = known ? Response.OK : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST;
            transaction.sendResponse(Messages.response(context, event.getRequest(), status, null, null));
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            LOG.warn("BYE for {} not answered: {}", callId, e.toString());
        }
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
