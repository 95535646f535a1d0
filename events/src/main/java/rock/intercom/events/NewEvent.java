package rock.intercom.events;

import java.util.Map;

/**
 * An event about to be recorded; the store gives it its id and time. {@code name} is a
 * {@link SecurityEventName#label()}; details hold JSON-serialisable values (strings, numbers,
 * booleans, lists, maps) and at most {@link #MAX_DETAILS_JSON_BYTES} once written as JSON.
 */
public record NewEvent(String deviceId, String name, Map<String, Object> details) {

    /** Details are a few fields (direction, remote party, reason, SIP status, Call-ID...): 8 KiB is plenty. */
    public static final int MAX_DETAILS_JSON_BYTES = 8 * 1024;

    public NewEvent {
        if (details == null) {
            details = Map.of();
        } else {
            // Map.copyOf would throw a bare NullPointerException; say which entry is wrong instead.
            details.forEach((key, value) -> {
                if (key == null || value == null) {
                    throw new IllegalArgumentException("event details must not contain null keys or values: "
                            + key + "=" + value);
                }
            });
            details = Map.copyOf(details);
        }
    }

    public static NewEvent of(String deviceId, SecurityEventName name, Map<String, Object> details) {
        return new NewEvent(deviceId, name.label(), details);
    }
}
