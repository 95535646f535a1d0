package rock.intercom.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Event details to and from the JSON text stored in the {@code details} column. Thread-safe. */
final class EventDetailsCodec {

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };

    // Sorted keys: the same details always give the same text, which keeps stored rows diffable.
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** The details as JSON; {@link IllegalArgumentException} when not serialisable or too large. */
    String write(Map<String, Object> details) {
        String text;
        try {
            text = json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event details are not JSON-serialisable: " + e.getOriginalMessage(), e);
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > NewEvent.MAX_DETAILS_JSON_BYTES) {
            throw new IllegalArgumentException("event details are " + bytes + " bytes of JSON, more than the "
                    + NewEvent.MAX_DETAILS_JSON_BYTES + " allowed");
        }
        return text;
    }

    Map<String, Object> read(String text) {
        try {
            return json.readValue(text, DETAILS);
        } catch (JsonProcessingException e) {
            throw new EventStoreException("stored event details are not valid JSON", e);
        }
    }
}
