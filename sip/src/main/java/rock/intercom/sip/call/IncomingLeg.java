package rock.intercom.sip.call;

import java.util.Set;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import rock.intercom.call.media.AgreedMedia;

/** An INVITE that reached the device: its server transaction, the caller's offer and its phase. */
final class IncomingLeg extends CallLeg<IncomingLeg.Phase> {

    /** Where the incoming INVITE stands; one enum instead of parallel flags. */
    enum Phase {
        /** 100 Trying sent; the call driver decides to answer or reject. */
        OFFERED,
        /** 200 OK sent, ACK not yet here. */
        ANSWERED,
        /** 200 OK sent and the driver already asked for BYE: sent once the ACK arrives (RFC 3261 §15). */
        BYE_AFTER_ACK,
        /** ACK received: the dialog is confirmed. */
        CONFIRMED,
        /** Rejected, cancelled, or hung up. */
        ENDED
    }

    private final ServerTransaction invite;
    private final String remoteOffer;
    private final String toTag;
    private Dialog dialog;
    private AgreedMedia agreedMedia;

    IncomingLeg(String callId, ServerTransaction invite, String remoteOffer, String toTag) {
        super(callId, null, Phase.OFFERED, Phase.ENDED, Set.of(Phase.ANSWERED, Phase.BYE_AFTER_ACK, Phase.CONFIRMED));
        this.invite = invite;
        this.remoteOffer = remoteOffer;
        this.toTag = toTag;
    }

    ServerTransaction invite() {
        return invite;
    }

    Request request() {
        return invite.getRequest();
    }

    /** The caller's SDP offer, or null when the INVITE carried none (we offer in the 2xx, RFC 3264 §4). */
    String remoteOffer() {
        return remoteOffer;
    }

    /** Our To tag for every final response of this INVITE (RFC 3261 §8.2.6.2). */
    String toTag() {
        return toTag;
    }

    @Override
    Dialog dialog() {
        return dialog != null ? dialog : invite.getDialog();
    }

    /** The dialog made for our 200 OK, then the one its ACK confirmed. */
    void dialog(Dialog current) {
        dialog = current;
    }

    /** What our answer to the caller's offer agreed, reported with the ACK; null before or without one. */
    AgreedMedia agreedMedia() {
        return agreedMedia;
    }

    void agreedMedia(AgreedMedia media) {
        agreedMedia = media;
    }
}
