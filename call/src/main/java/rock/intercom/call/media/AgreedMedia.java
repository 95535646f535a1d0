package rock.intercom.call.media;

import java.util.Objects;

/**
 * What an offer/answer exchange agreed on, as the call's events name it: the protection (e.g.
 * {@code SRTP AES_CM_128_HMAC_SHA1_80} or {@code RTP}), the codec (e.g. {@code PCMU}) and the
 * video (e.g. {@code H264 640x480 sendrecv} or {@code none (refused)}; {@code null} when the media
 * side does not report video). Immutable.
 */
public record AgreedMedia(String protection, String codec, String video) {
    public AgreedMedia {
        Objects.requireNonNull(protection, "protection");
        Objects.requireNonNull(codec, "codec");
    }

    /** Audio only, video not reported. */
    public AgreedMedia(String protection, String codec) {
        this(protection, codec, null);
    }

    /** The same agreement with {@code video} as its video label. */
    public AgreedMedia withVideo(String video) {
        return new AgreedMedia(protection, codec, video);
    }
}
