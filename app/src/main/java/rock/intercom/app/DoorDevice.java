package rock.intercom.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.function.Supplier;
import rock.intercom.app.door.DoorOpener;
import rock.intercom.app.video.CallVideo;
import rock.intercom.app.video.CameraPictures;
import rock.intercom.call.CallInput;
import rock.intercom.call.CallLeg;
import rock.intercom.call.CallState;
import rock.intercom.portal.Picture;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.LiveSettings;
import rock.intercom.settings.SettingsCodec;

/**
 * One door device as the portal and API see it: its live settings, its call and its registration.
 * Thread-safe: settings apply atomically in {@link LiveSettings}; the call runs on its controller.
 */
public final class DoorDevice extends rock.intercom.portal.SettingsBackedDevice {

    private final CallController call;
    private final Supplier<ObjectNode> registration;

    private final DoorOpener door;
    private final CallVideo video;
    private final CameraPictures camera;

    public DoorDevice(LiveSettings settings, SettingsCodec codec, CallController call, Supplier<ObjectNode> registration,
            DoorOpener door, CallVideo video) {
        super(settings, codec);
        this.video = Objects.requireNonNull(video, "video");
        this.camera = new CameraPictures(video);
        this.door = Objects.requireNonNull(door, "door");
        this.call = Objects.requireNonNull(call, "call");
        this.registration = Objects.requireNonNull(registration, "registration");
    }

    @Override
    public java.util.Optional<String> openDoor(String user, String channel) {
        return door.openBy(user, channel);
    }

    @Override
    public Picture receivedVideo() {
        CallLeg leg = call.state().leg();
        if (leg == null) {
            return new Picture.Missing("no call");
        }
        return video.snapshot(leg.callId()).<Picture>map(Picture.Jpeg::new)
                .orElseGet(() -> new Picture.Missing("no video received in this call"));
    }

    @Override
    public Picture cameraView() {
        return camera.view();
    }

    @Override
    public ObjectNode status() {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.put("id", id());
        status.put("name", name());
        status.set("registration", registration.get());
        CallState state = call.state();
        ObjectNode callNode = status.putObject("call");
        callNode.put("state", state.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT));
        CallLeg leg = state.leg();
        if (leg != null) {
            callNode.put("callId", leg.callId());
            callNode.put("peer", leg.peer());
        }
        status.put("screen", call.screen().text());
        DeviceSettings current = settings.current();
        status.putObject("incomingCalls")
                .put("allow", current.sip() != null && current.sip().incomingCalls() != null
                        && current.sip().incomingCalls().allow())
                .put("effectiveMode", current.effectiveIncomingCallMode().name());
        return status;
    }

    @Override
    public AutoCloseable watchScreen(java.util.function.Consumer<rock.intercom.portal.live.ScreenChange> listener) {
        return call.onScreen(screen -> listener.accept(new rock.intercom.portal.live.ScreenChange(screen.kind().name(),
                screen.text(), java.time.Instant.now())));
    }

    @Override
    public void pressButton() {
        call.post(new CallInput.ButtonPressed());
    }
}
