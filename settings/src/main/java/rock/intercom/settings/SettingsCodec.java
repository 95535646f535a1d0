package rock.intercom.settings;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;

/**
 * Reads and writes the settings document: YAML for the config file, JSON for the API, same shape
 * and names. Reading reports every wrong type or unknown key as a field-path error through
 * {@link SettingsRejected}; it does not apply the validation rules ({@link SettingsValidator} does).
 * Parse errors never echo document text, which may hold a password. Thread-safe.
 */
public final class SettingsCodec {

    /** Largest document accepted; a settings document is a few kilobytes even with a CA chain. */
    public static final int MAX_DOCUMENT_CHARS = 256 * 1024;

    private final ObjectMapper json = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT);
    private final YAMLFactory yamlFactory = YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .build();
    private final ObjectMapper yaml = new YAMLMapper(yamlFactory);
    private final YamlTree yamlTree = new YamlTree(yamlFactory);
    private final SettingsReader reader = new SettingsReader();
    private final SettingsWriter writer = new SettingsWriter();

    /** Reads a YAML document (the config file). */
    public DeviceSettings readYaml(String text) {
        return reader.read(parse(yamlTree::read, text, "YAML"));
    }

    /** Reads a JSON document (the API). */
    public DeviceSettings readJson(String text) {
        return reader.read(parse(json::readTree, text, "JSON"));
    }

    /** Reads a document already parsed into a tree, e.g. by a web framework. */
    public DeviceSettings read(JsonNode tree) {
        return reader.read(tree);
    }

    /** YAML with passwords: only for the device's own config file. */
    public String writeYaml(DeviceSettings settings) {
        return write(yaml, writer.full(settings));
    }

    /** The API view as a tree: passwords replaced by {@code authPasswordSet: true|false}. */
    public ObjectNode redactedTree(DeviceSettings settings) {
        return writer.redacted(settings);
    }

    /** The API view as JSON text: passwords replaced by {@code authPasswordSet: true|false}. */
    public String writeRedactedJson(DeviceSettings settings) {
        return write(json, writer.redacted(settings));
    }

    /** A parser from text to tree. */
    @FunctionalInterface
    private interface TreeParser {
        JsonNode parse(String text) throws IOException;
    }

    private static JsonNode parse(TreeParser parser, String text, String format) {
        if (text == null || text.isBlank()) {
            throw rejected("must not be empty");
        }
        if (text.length() > MAX_DOCUMENT_CHARS) {
            throw rejected("must be at most " + MAX_DOCUMENT_CHARS + " characters");
        }
        try {
            return parser.parse(text);
        } catch (JsonProcessingException e) {
            throw rejected("is not valid " + format + where(e.getLocation()) + safeDetail(e));
        } catch (IOException e) {
            // Reading a String does no I/O; a parser may still signal malformed input this way.
            throw rejected("is not valid " + format);
        }
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** The only parser messages safe to show: they name a key, never a value that may be a password. */
    private static String safeDetail(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        boolean safe = message != null && (message.startsWith("Duplicate field") || message.equals("nested too deeply"));
        return safe ? ": " + message : "";
    }

    private static SettingsRejected rejected(String message) {
        return new SettingsRejected(new ValidationErrors().add("document", message));
    }

    private static String write(ObjectMapper mapper, JsonNode tree) {
        try {
            return mapper.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serialises; reaching here is a programming error.
            throw new IllegalStateException("settings could not be written", e);
        }
    }
}
