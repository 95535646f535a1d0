package rock.intercom.sip.call;

import java.util.HashSet;
import java.util.Set;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.message.Request;

/** An INVITE we sent for a {@code SendInvite}: its current transaction, phase and dialog. */
final class OutgoingLeg extends CallLeg<OutgoingLeg.Phase> {

    /** Where the INVITE stands; one enum instead of parallel flags. */
    enum Phase {
        /** Sent (or re-sent with credentials); no provisional yet, so CANCEL must wait (RFC 3261 §9.1). */
        CALLING,
        /** 100 Trying arrived: CANCEL may go at once. */
        PROCEEDING,
        /** A provisional above 100 (180 Ringing, 183) arrived; a late 100 is no news any more. */
        RINGING,
        /** CANCEL asked for before any provisional: sent when the first one arrives. */
        CANCEL_HELD,
        /** CANCEL sent; the INVITE's final response (487, or a crossing 2xx) is still due. */
        CANCELLED,
        /** A 2xx arrived; the ACK is the call driver's to ask for. */
        ANSWERED,
        /** ACK sent: the dialog is confirmed. */
        CONFIRMED,
        /** BYE sent or received, or the INVITE failed. */
        ENDED
    }

    private final String nextHop;
    private final Set<String> answeredNonces = new HashSet<>();
    private ClientTransaction invite;
    private Dialog dialog;
    private long answeredCseq;
    private int challengesAnswered;
    private int offersRetried;
    private Request ack;

    OutgoingLeg(String callId, String nextHop, ClientTransaction invite, String localSdp) {
        super(callId, localSdp, Phase.CALLING, Phase.ENDED, Set.of(Phase.ANSWERED, Phase.CONFIRMED));
        this.nextHop = nextHop;
        this.invite = invite;
    }

    String nextHop() {
        return nextHop;
    }

    ClientTransaction invite() {
        return invite;
    }

    /** A challenge was answered: the authorised retry is now the INVITE to watch and cancel. */
    void retriedWith(ClientTransaction retry) {
        invite = retry;
        if (phase() == Phase.PROCEEDING || phase() == Phase.RINGING) {
            phase(Phase.CALLING);
        }
    }

    /** Remembers a nonce we answered; false when it was answered before (RFC 3261 §22.2: do not loop). */
    boolean firstAnswerTo(String nonce) {
        return answeredNonces.add(nonce);
    }

    int challengesAnswered() {
        return challengesAnswered;
    }

    void challengeAnswered() {
        challengesAnswered++;
    }

    int offersRetried() {
        return offersRetried;
    }

    /**
     * The INVITE went again with another offer ({@link OfferRetry}); CANCEL waits for its
     * provisional. It is a new request: a server that does not take the old credentials again
     * may challenge it once more (nonces already answered still are not, so this cannot loop).
     */
    void offerRetriedWith(ClientTransaction retry, String offer) {
        retriedWith(retry);
        localSdp(offer);
        offersRetried++;
        challengesAnswered = 0;
    }

    @Override
    Dialog dialog() {
        return dialog;
    }

    void answeredOn(Dialog answeredDialog, long cseq) {
        dialog = answeredDialog;
        answeredCseq = cseq;
        phase(Phase.ANSWERED);
    }

    long answeredCseq() {
        return answeredCseq;
    }

    Request ack() {
        return ack;
    }

    void acknowledged(Request sentAck) {
        ack = sentAck;
        phase(Phase.CONFIRMED);
    }
}
