package rock.intercom.media.sdp;

import java.util.Objects;

/** What became of video in one offer/answer: an agreed H.264 stream, or none and why. */
public sealed interface VideoOutcome {

    /** Video runs on this. */
    record Agreed(NegotiatedVideo video) implements VideoOutcome {
        public Agreed {
            Objects.requireNonNull(video);
        }
    }

    /**
     * No video; {@code reason} is what the call's events say in brackets: {@code off} (Video Calls
     * forbids it for this call's direction), {@code refused} (the peer answered port 0),
     * {@code not offered} (the peer's offer had none), {@code unavailable} (no video engine or port)
     * or what was wrong with the peer's video (no H.264 packetization-mode 1, no SRTP key).
     */
    record None(String reason) implements VideoOutcome {
        public None {
            Objects.requireNonNull(reason);
        }
    }

    VideoOutcome OFF = new None("off");
    VideoOutcome REFUSED = new None("refused");
    VideoOutcome NOT_OFFERED = new None("not offered");
    VideoOutcome UNAVAILABLE = new None("unavailable");
}
