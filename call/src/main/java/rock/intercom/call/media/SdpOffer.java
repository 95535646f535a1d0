package rock.intercom.call.media;

import java.util.Objects;

/** Our SDP offer for a call, or why there is none (no RTP port, no local address). */
public sealed interface SdpOffer {

    /** The offer body (application/sdp). */
    record Offer(String sdp) implements SdpOffer {
        public Offer {
            Objects.requireNonNull(sdp, "sdp");
        }
    }

    /** No offer can be made; the media side has logged why, the signalling reports it to the call once. */
    record Unavailable(String reason) implements SdpOffer {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
