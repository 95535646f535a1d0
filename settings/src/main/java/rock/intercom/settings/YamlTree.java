package rock.intercom.settings;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;

/**
 * Reads YAML into a tree that keeps every scalar exactly as written. YAML 1.1 would turn
 * {@code videoCalls: OFF} into {@code false} and {@code callNumber: 0400} into 256; here both stay
 * text, and {@link DocumentNode} converts by the field's type instead. Only {@code null}, {@code ~}
 * and empty values are nulls. Stateless and thread-safe.
 */
final class YamlTree {

    /** Deeper than any settings document; stops hostile input before it exhausts the stack. */
    static final int MAX_DEPTH = 32;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final YAMLFactory factory;

    YamlTree(YAMLFactory factory) {
        this.factory = factory;
    }

    JsonNode read(String text) throws IOException {
        try (JsonParser parser = factory.createParser(text)) {
            if (parser.nextToken() == null) {
                return MissingNode.getInstance();
            }
            return value(parser, 0);
        }
    }

    private static JsonNode value(JsonParser parser, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new JsonParseException(parser, "nested too deeply");
        }
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            ObjectNode object = NODES.objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (object.has(name)) {
                    throw new JsonParseException(parser, "Duplicate field '" + name + "'");
                }
                object.set(name, value(parser, depth + 1));
            }
            return object;
        }
        if (token == JsonToken.START_ARRAY) {
            ArrayNode array = NODES.arrayNode();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                array.add(value(parser, depth + 1));
            }
            return array;
        }
        if (token == JsonToken.VALUE_NULL) {
            return NODES.nullNode();
        }
        return NODES.textNode(parser.getText());
    }
}
