package rock.intercom.call;

import java.util.Objects;

/** What the door's screen shows about the call, e.g. {@code Dialing 400…} or {@code Connected 400}. */
public record ScreenState(ScreenKind kind, String peer) {

    public static final ScreenState IDLE = new ScreenState(ScreenKind.IDLE, "");
    public static final ScreenState CALL_FAILED = new ScreenState(ScreenKind.CALL_FAILED, "");

    public ScreenState {
        Objects.requireNonNull(kind, "kind");
        peer = peer == null ? "" : peer;
    }

    /** The text shown, e.g. {@code Ringing 400…}. */
    public String text() {
        return switch (kind) {
            case IDLE -> "Idle";
            case DIALING -> "Dialing " + peer + "…";
            case RINGING -> "Ringing " + peer + "…";
            case INCOMING -> "Incoming call " + peer;
            case CONNECTED -> "Connected " + peer;
            case CALL_FAILED -> "Call failed";
        };
    }
}
