package rock.intercom.events;

import java.util.Map;

/**
 * An event about to be recorded; the store gives it its id and time. {@code name} is a
 * {@link SecurityEventName#label()}; details hold JSON-serialisable values (strings, numbers,
 * booleans, lists, maps) and at most {@link #MAX_DETAILS_JSON_BYTES} once written as JSON.
 *
 * <p>Text that came from the network (a Call-ID, a From header, a reason phrase) is cut to
 * {@link #MAX_TEXT_CHARS} characters with a marker naming the original length, so a caller with
 * a 9,000-character Call-ID is still recorded rather than refused by the size bound.
 */
public record NewEvent(String deviceId, String name, Map<String, Object> details) {

    /** Details are a few fields (direction, remote party, reason, SIP status, Call-ID...): 8 KiB is plenty. */
    public static final int MAX_DETAILS_JSON_BYTES = 8 * 1024;
    /** Longest text value kept whole; longer ones keep this many characters and a {@code … [cut: N chars]} marker. */
    public static final int MAX_TEXT_CHARS = 256;

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
            var cut = new java.util.LinkedHashMap<String, Object>();
            details.forEach((key, value) -> cut.put(key, cut(value)));
            details = Map.copyOf(cut);
        }
    }

    private static Object cut(Object value) {
        if (value instanceof String text && text.length() > MAX_TEXT_CHARS) {
            return text.substring(0, MAX_TEXT_CHARS) + "… [cut: " + text.length() + " chars]";
        }
        if (value instanceof java.util.List<?> list) {
            return list.stream().map(NewEvent::cut).toList();
        }
        return value;
    }

    public static NewEvent of(String deviceId, SecurityEventName name, Map<String, Object> details) {
        return new NewEvent(deviceId, name.label(), details);
    }
}
