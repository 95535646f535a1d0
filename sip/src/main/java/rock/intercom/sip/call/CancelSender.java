package rock.intercom.sip.call;

import javax.sip.ClientTransaction;
import javax.sip.SipException;
import rock.intercom.sip.call.OutgoingLeg.Phase;

/**
 * Cancels our pending INVITE (RFC 3261 §9.1). A CANCEL may only follow a provisional response, so
 * before one arrives it is held and {@link InviteClient} sends it with the first 1xx; if a final
 * response comes first there is nothing left to cancel.
 */
final class CancelSender extends CallOperation {

    CancelSender(CallContext context) {
        super(context);
    }

    void cancel(String callId) {
        context.legs().outgoing(callId).ifPresentOrElse(leg -> {
            switch (leg.phase()) {
                case CALLING -> leg.phase(Phase.CANCEL_HELD);
                case PROCEEDING, RINGING -> sendNow(leg);
                default -> log.debug("CANCEL for {} in phase {}: nothing to cancel", callId, leg.phase());
            }
        }, () -> log.debug("CANCEL for unknown Call-ID {}", callId));
    }

    /** Sends the CANCEL for the leg's current INVITE transaction. */
    void sendNow(OutgoingLeg leg) {
        leg.phase(Phase.CANCELLED);
        try {
            ClientTransaction cancel = context.stack().provider().getNewClientTransaction(leg.invite().createCancel());
            cancel.sendRequest();
            log.info("CANCEL {}", leg.callId());
        } catch (SipException e) {
            // The INVITE's own Timer B still ends the call if the CANCEL cannot go out.
            log.warn("CANCEL for {} not sent: {}", leg.callId(), e.toString());
        }
    }
}
