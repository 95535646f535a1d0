package rock.intercom.media.sdp;

import java.util.List;

/** RFC 3264 §5.1 / §6.1 stream direction attributes, from this endpoint's point of view. */
public enum MediaDirection {
    SENDRECV(true, true), SENDONLY(true, false), RECVONLY(false, true), INACTIVE(false, false);

    private final boolean sends;
    private final boolean receives;

    MediaDirection(boolean sends, boolean receives) {
        this.sends = sends;
        this.receives = receives;
    }

    public boolean sends() {
        return sends;
    }

    public boolean receives() {
        return receives;
    }

    /** The attribute name ("sendrecv", ...). */
    public String attribute() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The direction as seen from the other end (sendonly ↔ recvonly). */
    public MediaDirection reversed() {
        return of(receives, sends);
    }

    /** The directions both allow. */
    public MediaDirection intersect(MediaDirection other) {
        return of(sends && other.sends, receives && other.receives);
    }

    public static MediaDirection of(boolean sends, boolean receives) {
        return sends ? (receives ? SENDRECV : SENDONLY) : (receives ? RECVONLY : INACTIVE);
    }

    /** The direction a media section declares; sendrecv when none is given (RFC 3264 §5.1). */
    public static MediaDirection from(List<SdpAttribute> attributes) {
        for (SdpAttribute a : attributes) {
            for (MediaDirection d : values()) {
                if (a.value() == null && a.name().equalsIgnoreCase(d.attribute())) {
                    return d;
                }
            }
        }
        return SENDRECV;
    }
}
