package rock.intercom.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test documents: the shipped example and edits of it addressed by field path. */
final class Documents {

    static final SettingsCodec CODEC = new SettingsCodec();
    static final Path EXAMPLE = Path.of("..", "examples", "device.yaml");
    /** Marker value in tables: remove the field instead of setting it. */
    static final String ABSENT = "<absent>";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Documents() {
    }

    static String exampleYaml() {
        try {
            return Files.readString(EXAMPLE, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped example (SIP disabled); records are immutable, so one read serves every test. */
    static DeviceSettings example() {
        return Example.SETTINGS;
    }

    /** Holder: reads the example once, on first use. */
    private static final class Example {
        static final DeviceSettings SETTINGS = CODEC.readYaml(exampleYaml());
    }

    /** The shipped example with SIP enabled: a complete, valid document. */
    static DeviceSettings enabledExample() {
        return with(example(), "sip.enabled", "true");
    }

    /** {@code base} with the field at {@code path} set to a JSON literal, or removed for {@link #ABSENT}. */
    static DeviceSettings with(DeviceSettings base, String path, String jsonValue) {
        return CODEC.read(treeWith(base, path, jsonValue));
    }

    /** The full document tree of {@code base} with one field edited. */
    static ObjectNode treeWith(DeviceSettings base, String path, String jsonValue) {
        ObjectNode root = new SettingsWriter().full(base);
        String[] keys = split(path);
        ObjectNode parent = root;
        for (int i = 0; i < keys.length - 1; i++) {
            parent = parent.has(keys[i]) && parent.get(keys[i]).isObject() ? (ObjectNode) parent.get(keys[i]) : parent.putObject(keys[i]);
        }
        String last = keys[keys.length - 1];
        if (ABSENT.equals(jsonValue)) {
            parent.remove(last);
        } else {
            parent.set(last, json(jsonValue));
        }
        return root;
    }

    static String resource(String name) {
        try (InputStream in = Documents.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String literal) {
        try {
            return JSON.readTree(literal);
        } catch (IOException e) {
            throw new IllegalArgumentException("bad JSON literal in test table: " + literal, e);
        }
    }

    /** Custom configuration keys contain dots themselves, so they stay whole. */
    private static String[] split(String path) {
        String custom = "customConfiguration.";
        if (path.startsWith(custom)) {
            return new String[] {"customConfiguration", path.substring(custom.length())};
        }
        return path.split("\\.");
    }
}
