package rock.intercom.call.media;

import java.util.Objects;

/** Our SDP offer for a call, or the {@link MediaProblem} why there is none (no RTP port, no local address). */
public sealed interface SdpOffer permits SdpOffer.Offer, MediaProblem {

    /** The offer body (application/sdp). */
    record Offer(String sdp) implements SdpOffer {
        public Offer {
            Objects.requireNonNull(sdp, "sdp");
        }
    }
}
