package rock.intercom.media.sdp;

import java.util.Objects;

/**
 * Why an SDP offer or answer cannot be used, with the SIP status the signalling layer answers an
 * offer with (RFC 3261 §21.4.1 400 for unparseable bodies, RFC 3264 §6 / RFC 3261 §21.4.26 488
 * for acceptable syntax without an acceptable session).
 */
public record SdpFailure(Kind kind, String reason) {
    /** The reason the guide names when SRTP-only meets a peer without usable SRTP. */
    public static final String REMOTE_DOES_NOT_SUPPORT_SRTP = "remote does not support SRTP";

    /** Failure classes. */
    public enum Kind {
        /** The SDP text does not parse. */
        MALFORMED(400),
        /** Parsed, but no audio stream we can run (codecs, protocol, crypto, rejected stream). */
        NOT_ACCEPTABLE(488),
        /** Encryption is SRTP_ONLY and the peer offers or answers no usable SRTP. */
        SRTP_REQUIRED(488);

        private final int sipStatus;

        Kind(int sipStatus) {
            this.sipStatus = sipStatus;
        }
    }

    public SdpFailure {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(reason);
    }

    public static SdpFailure malformed(String reason) {
        return new SdpFailure(Kind.MALFORMED, "malformed SDP: " + reason);
    }

    public static SdpFailure notAcceptable(String reason) {
        return new SdpFailure(Kind.NOT_ACCEPTABLE, reason);
    }

    public static SdpFailure srtpRequired() {
        return new SdpFailure(Kind.SRTP_REQUIRED, REMOTE_DOES_NOT_SUPPORT_SRTP);
    }

    /** The SIP response code to refuse an offer with (400 or 488). */
    public int sipStatus() {
        return kind.sipStatus;
    }
}
