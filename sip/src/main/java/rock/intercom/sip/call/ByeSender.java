package rock.intercom.sip.call;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.SipException;
import javax.sip.message.Request;

/**
 * Ends a call's dialog with BYE (RFC 3261 §15.1). For an incoming call still waiting for its ACK
 * the BYE is held until the ACK arrives or its wait times out (§15: the callee must not send BYE
 * on an unconfirmed dialog). Its outcome is not reported: the driver already considers the call over.
 */
final class ByeSender extends CallOperation {

    ByeSender(CallContext context) {
        super(context);
    }

    void bye(String callId) {
        context.legs().find(callId).ifPresentOrElse(leg -> {
            if (leg instanceof IncomingLeg incoming && incoming.phase() == IncomingLeg.Phase.ANSWERED) {
                incoming.phase(IncomingLeg.Phase.BYE_AFTER_ACK);
                return;
            }
            if (!leg.answered()) {
                log.debug("BYE for {} before it was answered: nothing to end", callId);
                return;
            }
            sendOn(leg);
        }, () -> log.debug("BYE for unknown Call-ID {}", callId));
    }

    /** Sends BYE on the leg's dialog and forgets the leg. */
    void sendOn(CallLeg<?> leg) {
        context.legs().end(leg);
        Dialog dialog = leg.dialog();
        if (dialog == null) {
            return;
        }
        try {
            Request bye = dialog.createRequest(Request.BYE);
            ClientTransaction transaction = context.stack().provider().getNewClientTransaction(bye);
            dialog.sendRequest(transaction);
            log.info("BYE {}", leg.callId());
        } catch (SipException e) {
            log.warn("BYE for {} not sent: {}", leg.callId(), e.toString());
        }
    }
}
