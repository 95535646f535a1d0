package rock.intercom.media.sdp;

/** Result of answering an offer or accepting an answer. */
public sealed interface Negotiation {

    /**
     * Agreement on audio, plus what became of video. {@code answer} is the SDP to send back when we
     * answered an offer, {@code null} when we accepted the peer's answer.
     */
    record Agreed(SessionDescription answer, NegotiatedMedia media, VideoOutcome video) implements Negotiation {
        public Agreed {
            java.util.Objects.requireNonNull(video);
        }

        /** Audio only: video was not part of this exchange. */
        public Agreed(SessionDescription answer, NegotiatedMedia media) {
            this(answer, media, VideoOutcome.NOT_OFFERED);
        }
    }

    /** No usable audio stream; see {@link SdpFailure#sipStatus()}. */
    record Failed(SdpFailure failure) implements Negotiation {
    }
}
