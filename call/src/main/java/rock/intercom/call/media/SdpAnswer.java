package rock.intercom.call.media;

import java.util.Objects;

/** The outcome of answering a remote SDP offer: our SDP, or the SIP status that refuses it. */
public sealed interface SdpAnswer {

    /** Our answer body (application/sdp) and the media it agrees on. */
    record Answer(String sdp, AgreedMedia media) implements SdpAnswer {
        public Answer {
            Objects.requireNonNull(sdp, "sdp");
            Objects.requireNonNull(media, "media");
        }
    }

    /**
     * The offer cannot be used: 488 Not Acceptable Here when it is valid but unsatisfiable (no
     * common codec, SRTP required but not offered, RFC 3261 §21.4.26), 400 Bad Request when it
     * does not parse (§21.4.1).
     */
    record Refusal(int sipStatus, String reason) implements SdpAnswer {
        public Refusal {
            if (sipStatus != 400 && sipStatus != 488) {
                throw new IllegalArgumentException("an SDP offer is refused with 400 or 488, not " + sipStatus);
            }
            Objects.requireNonNull(reason, "reason");
        }

        /** 488: the offer is well formed but we cannot satisfy it. */
        public static Refusal notAcceptable(String reason) {
            return new Refusal(488, reason);
        }

        /** 400: the offer is not valid SDP. */
        public static Refusal malformed(String reason) {
            return new Refusal(400, reason);
        }
    }
}
