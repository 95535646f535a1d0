package rock.intercom.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The device link's messages: one JSON object per WebSocket text message, {@code type} says what
 * it is. Portal → device: {@code welcome}, {@code applySettings}, {@code pressButton},
 * {@code openDoor}, {@code ack}. Device → portal: {@code hello}, {@code status},
 * {@code settingsResult}, {@code doorResult}, {@code events}.
 */
public final class Wire {

    /** The link's path on the portal's HTTP port. */
    public static final String LINK_PATH = "/fleet/v1/link";
    /** Where a device exchanges its enrolment token for its secret. */
    public static final String ENROL_PATH = "/fleet/v1/enrol";
    /** Largest message either side accepts; a settings document is a few KiB, an event batch under 1 MiB. */
    public static final int MAX_MESSAGE_CHARS = 1024 * 1024;
    /** Events per {@code events} message: 100 × 8 KiB details stays under the message bound. */
    public static final int MAX_BATCH = 100;

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Wire() {
    }

    public static ObjectNode message(String type) {
        return MAPPER.createObjectNode().put("type", type);
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** A JSON object with a text {@code type}, or empty for anything else (too long, malformed, not an object). */
    public static Optional<ObjectNode> read(String text) {
        if (text == null || text.length() > MAX_MESSAGE_CHARS) {
            return Optional.empty();
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node instanceof ObjectNode object && object.path("type").isTextual()) {
                return Optional.of(object);
            }
        } catch (JsonProcessingException e) {
            // A malformed message is dropped by the caller, never a dead link.
        }
        return Optional.empty();
    }
}
