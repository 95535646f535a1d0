package rock.intercom.media.sdp;

/** Result of answering an offer or accepting an answer. */
public sealed interface Negotiation {

    /**
     * Agreement. {@code answer} is the SDP to send back when we answered an offer, {@code null}
     * when we accepted the peer's answer.
     */
    record Agreed(SessionDescription answer, NegotiatedMedia media) implements Negotiation {
    }

    /** No usable audio stream; see {@link SdpFailure#sipStatus()}. */
    record Failed(SdpFailure failure) implements Negotiation {
    }
}
