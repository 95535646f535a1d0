package rock.intercom.events;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Checks a {@link NewEvent} before it is stored; every failure is an {@link IllegalArgumentException}. */
final class NewEventRules {

    /** Device ids are short names such as {@code rockx-505}. */
    static final int MAX_DEVICE_ID_LENGTH = 128;

    private static final String KNOWN_NAMES = Arrays.stream(SecurityEventName.values())
            .map(SecurityEventName::label)
            .collect(Collectors.joining(", "));

    private NewEventRules() {
    }

    static void check(NewEvent event) {
        if (event == null) {
            throw new IllegalArgumentException("event must not be null");
        }
        String deviceId = event.deviceId();
        if (deviceId == null || deviceId.isBlank()) {
            throw new IllegalArgumentException("event deviceId must not be blank");
        }
        if (deviceId.length() > MAX_DEVICE_ID_LENGTH) {
            throw new IllegalArgumentException("event deviceId longer than " + MAX_DEVICE_ID_LENGTH + " characters");
        }
        if (event.name() == null) {
            throw new IllegalArgumentException("event name must not be null; one of: " + KNOWN_NAMES);
        }
        // Operators filter on exact names ("Dialing"): a misspelt name would be an event nobody finds.
        if (SecurityEventName.fromLabel(event.name()).isEmpty()) {
            throw new IllegalArgumentException("unknown event name '" + event.name() + "'; one of: " + KNOWN_NAMES);
        }
    }
}
