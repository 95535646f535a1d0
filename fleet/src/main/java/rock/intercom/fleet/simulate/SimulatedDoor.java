package rock.intercom.fleet.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import rock.intercom.events.EventStore;
import rock.intercom.events.NewEvent;
import rock.intercom.events.SecurityEventName;
import rock.intercom.portal.ApplyResult;
import rock.intercom.portal.DeviceControl;
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
final class SimulatedDoor implements DeviceControl {

    private final LiveSettings settings;
    private final SettingsCodec codec;
    private final EventStore events;

    SimulatedDoor(DeviceSettings template, String id, SettingsCodec codec, SettingsValidator validator,
            EventStore events) {
        DeviceSettings own = new DeviceSettings(new Device(id, id), template.sip(), template.customConfiguration(),
                template.door());
        this.settings = new LiveSettings(own, validator, saved -> { });
        this.codec = codec;
        this.events = events;
    }

    @Override
    public String id() {
        return settings.current().device().id();
    }

    @Override
    public String name() {
        return settings.current().device().name();
    }

    @Override
    public ObjectNode settingsView() {
        return codec.redactedTree(settings.current());
    }

    @Override
    public ApplyResult applySettings(JsonNode document) {
        return rock.intercom.portal.SettingsApplier.apply(settings, codec, document);
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
