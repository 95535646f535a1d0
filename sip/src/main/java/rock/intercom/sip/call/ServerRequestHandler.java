package rock.intercom.sip.call;

import java.text.ParseException;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The steps every handler of a request inside a call shares (BYE, CANCEL, INFO, re-INVITE): find
 * or create the request's server transaction (a retransmission has none and is passed over, the
 * stack answers it), then let the subclass answer the request of its Call-ID. A response that cannot be built or sent is
 * logged once as "METHOD for CALL-ID not answered"; the peer retransmits or gives up, the call
 * goes on. Runs on the dialogs thread only.
 */
abstract class ServerRequestHandler extends CallOperation {

    /** A step of answering that JAIN-SIP may refuse. */
    @FunctionalInterface
    interface Answering {
        void run() throws ParseException, SipException, InvalidArgumentException;
    }

    ServerRequestHandler(CallContext context) {
        super(context);
    }

    /**
     * Handles one received request of this handler's method. One outside every call we know gets
     * its 481 statelessly (RFC 3261 §8.2.7) and one line in the bounded refusal log: anyone can send
     * those at will, and a server transaction kept for each (Timer J: 32 s over UDP) let a stranger's
     * flood of BYEs, CANCELs or INFOs pile thousands of them up in the door's memory.
     */
    final void on(RequestEvent event) {
        Request request = event.getRequest();
        String callId = Messages.callId(request);
        if (event.getServerTransaction() == null && !belongsToAKnownCall(request, callId)) {
            answer(request.getMethod(), callId, () -> context.stack().provider().sendResponse(Messages.response(
                    context, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null, Messages.newTag())));
            StatelessRefusals.logRefusal(request, "outside a known call (Call-ID " + callId + "): 481");
            return;
        }
        ServerTransaction transaction = ServerTransactions.of(context, event);
        if (transaction != null) {
            handle(request, callId, transaction);
        }
    }

    /** Whether {@code request} of call {@code callId} belongs to a call this handler answers; false: 481. */
    abstract boolean belongsToAKnownCall(Request request, String callId);

    /** Answers {@code request} of call {@code callId} (null when it has no Call-ID) on its transaction. */
    abstract void handle(Request request, String callId, ServerTransaction transaction);

    /** Runs {@code answering}; a failure is logged as "{@code what} for {@code callId} not answered". */
    final void answer(String what, String callId, Answering answering) {
        try {
            answering.run();
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            log.warn("{} for {} not answered: {}", what, callId, e.toString());
        }
    }
}
