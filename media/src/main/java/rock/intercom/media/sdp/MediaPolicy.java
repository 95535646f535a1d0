package rock.intercom.media.sdp;

import java.util.Objects;
import rock.intercom.settings.Encryption;
import rock.intercom.settings.VideoCalls;

/**
 * The settings that decide a negotiation: Encryption (guide step 3) and Video Calls (guide step 6),
 * plus whether this call is outgoing (video is allowed per direction).
 */
public record MediaPolicy(Encryption encryption, VideoCalls videoCalls, boolean outgoingCall) {
    public MediaPolicy {
        Objects.requireNonNull(encryption);
        Objects.requireNonNull(videoCalls);
    }

    /** Whether Video Calls allows video for this call's direction. */
    public boolean videoAllowed() {
        return switch (videoCalls) {
            case OFF -> false;
            case BOTH -> true;
            case OUTGOING_ONLY -> outgoingCall;
            case INCOMING_ONLY -> !outgoingCall;
        };
    }
}
