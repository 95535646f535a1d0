package rock.intercom.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the portal may do with one door device; the app module implements it. The portal never
 * learns how a device is built. Implementations must be thread-safe: portal requests call them
 * from Jetty's worker threads.
 */
public interface DeviceControl {

    /** Stable id used in URLs and events, e.g. {@code rockx-505}. */
    String id();

    /** Human name shown in the Devices list, e.g. {@code RockX-505}. */
    String name();

    /**
     * The settings document in the public shape, redacted: no passwords; {@code authPasswordSet}
     * booleans in their place.
     */
    ObjectNode settingsView();

    /**
     * Validates and applies a whole settings document atomically. A password that is absent or
     * null keeps the stored one. A rejected document changes nothing.
     */
    ApplyResult applySettings(JsonNode document);

    /** Live state: {@code registration}, {@code call} and {@code screen} (later issues fill them). */
    ObjectNode status();

    /** The virtual call button: the same effect as pressing the wired intercom button. */
    void pressButton();

    /**
     * Opens the door (pulses the door relay) for an Account Administrator; {@code channel} says
     * where ({@code API}, {@code portal}) for the Door Opened event. Empty when opened, else why
     * not (no relay wired, relay failed).
     */
    default java.util.Optional<String> openDoor(String user, String channel) {
        return java.util.Optional.of("this device has no door relay");
    }

    /**
     * The latest picture of the video the current call receives (at most a couple of seconds old),
     * for the device page's screen panel. Must not block for long.
     */
    default Picture receivedVideo() {
        return new Picture.Missing("this device shows no call video");
    }

    /**
     * What the door's camera sees now, in a call or not (for installers aiming it). May take a
     * few seconds to open the camera; implementations bound what repeated requests cost.
     */
    default Picture cameraView() {
        return new Picture.Failed("this device has no camera");
    }

    /**
     * Tells {@code listener} every screen the door shows, in order, as it happens (so a Dialing
     * that lasts milliseconds is still seen). It is called on the device's call thread and must
     * not block. Returns a handle that stops it. A device without push returns a no-op handle; the
     * portal then follows {@link #status()} only.
     */
    default AutoCloseable watchScreen(java.util.function.Consumer<rock.intercom.portal.live.ScreenChange> listener) {
        return () -> { };
    }
}
