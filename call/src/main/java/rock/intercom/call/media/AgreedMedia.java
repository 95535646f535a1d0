package rock.intercom.call.media;

import java.util.Objects;

/**
 * What an offer/answer exchange agreed on, as the call's events name it: the protection (e.g.
 * {@code SRTP AES_CM_128_HMAC_SHA1_80} or {@code RTP}) and the codec (e.g. {@code PCMU}). Immutable.
 */
public record AgreedMedia(String protection, String codec) {
    public AgreedMedia {
        Objects.requireNonNull(protection, "protection");
        Objects.requireNonNull(codec, "codec");
    }
}
