package rock.intercom.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * The security event names an operator filters on. The first six are the guide's, spelled exactly
 * as in its events table; the rest are device events this product adds.
 */
public enum SecurityEventName {
    DIALING("Dialing"),
    CALL_ESTABLISHED("Call Established"),
    CALL_FAILED("Call Failed"),
    HANGING_UP("Hanging Up"),
    CALL_REJECTED("Call Rejected"),
    INCOMING_CALL("Incoming Call"),
    REGISTERED("Registered"),
    REGISTRATION_LOST("Registration Lost"),
    SETTINGS_CHANGED("Settings Changed"),
    SIGNED_IN("Signed In"),
    DOOR_OPENED("Door Opened"),
    DOOR_RELEASE_REFUSED("Door Release Refused"),
    DOOR_RELEASE_LOCKED("Door Release Locked"),
    INPUT_LOST("Input Lost"),
    INPUT_RESTORED("Input Restored"),
    /** The guide's "Verify it works" run from the API; details carry the result of each step. */
    SELF_TEST("Self-Test"),
    SIGN_IN_FAILED("Sign-In Failed"),
    SIGN_IN_LOCKED("Sign-In Locked"),
    USER_CHANGED("User Changed");

    private final String label;

    SecurityEventName(String label) {
        this.label = label;
    }

    /** The name as stored and shown, e.g. {@code Call Established}. */
    public String label() {
        return label;
    }

    /** The constant whose label is exactly {@code label} (case matters: the guide's spelling). */
    public static Optional<SecurityEventName> fromLabel(String label) {
        return Arrays.stream(values()).filter(n -> n.label.equals(label)).findFirst();
    }

    @Override
    public String toString() {
        return label;
    }
}
