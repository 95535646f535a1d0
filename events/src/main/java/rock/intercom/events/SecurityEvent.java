package rock.intercom.events;

import java.time.Instant;
import java.util.Map;

/** A recorded security event: id increases monotonically; time is UTC with millisecond precision. */
public record SecurityEvent(long id, Instant time, String deviceId, String name, Map<String, Object> details) {

    public SecurityEvent {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
