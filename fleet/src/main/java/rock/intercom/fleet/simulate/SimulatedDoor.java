package rock.intercom.fleet.simulate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import rock.intercom.events.EventStore;
import rock.intercom.events.NewEvent;
import rock.intercom.events.SecurityEventName;
import rock.intercom.settings.Device;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.LiveSettings;
import rock.intercom.settings.SettingsCodec;
import rock.intercom.settings.SettingsValidator;

/**
 * A door without SIP, media or hardware, for load tests: real settings validation and atomic apply
 * (in memory), a button that records a {@code Call Failed} like a door with SIP off, and its own
 * event store. Thread-safe as {@link LiveSettings} is.
 */
final class SimulatedDoor extends rock.intercom.portal.SettingsBackedDevice {

    private final EventStore events;

    SimulatedDoor(DeviceSettings template, String id, SettingsCodec codec, SettingsValidator validator,
            EventStore events) {
        super(new LiveSettings(new DeviceSettings(new Device(id, id), template.sip(), template.customConfiguration(),
                template.door()), validator, saved -> { }), codec);
        this.events = events;
    }

    @Override
    public ObjectNode status() {
        ObjectNode status = JsonNodeFactory.instance.objectNode().put("id", id()).put("name", name());
        status.putObject("registration").put("state", "SIMULATED");
        status.putObject("call").put("state", "IDLE");
        status.put("screen", "Idle");
        return status;
    }

    @Override
    public void pressButton() {
        events.append(NewEvent.of(id(), SecurityEventName.CALL_FAILED, Map.of("reason", "simulated door",
                "direction", "outgoing")));
    }

    @Override
    public Optional<String> openDoor(String user, String channel) {
        return Optional.of("a simulated door has no relay");
    }

    EventStore events() {
        return events;
    }

    long eventCount() {
        java.util.List<rock.intercom.events.SecurityEvent> newest = events.query(rock.intercom.events.EventQuery.newest(1));
        return newest.isEmpty() ? 0 : newest.get(0).id();
    }

    /** Records one event, as a door in use would. */
    void recordActivity(int n) {
        events.append(NewEvent.of(id(), SecurityEventName.INPUT_RESTORED, Map.of("n", n)));
    }
}
