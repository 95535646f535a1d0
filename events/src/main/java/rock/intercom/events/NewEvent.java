package rock.intercom.events;

import java.util.Map;

/** An event about to be recorded; the store gives it its id and time. */
public record NewEvent(String deviceId, String name, Map<String, Object> details) {

    public NewEvent {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static NewEvent of(String deviceId, SecurityEventName name, Map<String, Object> details) {
        return new NewEvent(deviceId, name.label(), details);
    }
}
