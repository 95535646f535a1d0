package rock.intercom.portal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/** Which field paths differ between two settings views: the "which setting" of the audit trail. */
public final class SettingsDiff {

    private static final List<String> PASSWORD_PATHS = List.of("sip.identity.authPassword", "sip.proxy.authPassword");

    private SettingsDiff() {
    }

    /**
     * Paths whose value differs between {@code before} and {@code after}, plus each password the
     * submitted {@code document} set (a redacted view cannot show whether it really changed).
     */
    public static List<String> changedFields(JsonNode before, JsonNode after, JsonNode document) {
        Map<String, JsonNode> a = flatten(before);
        Map<String, JsonNode> b = flatten(after);
        TreeSet<String> changed = new TreeSet<>();
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String key : keys) {
            if (!Objects.equals(a.get(key), b.get(key))) {
                changed.add(key);
            }
        }
        for (String path : PASSWORD_PATHS) {
            JsonNode value = at(document, path);
            if (value != null && value.isTextual() && !value.asText().isEmpty()) {
                changed.add(path);
            }
        }
        changed.removeIf(path -> path.endsWith("authPasswordSet"));
        return new ArrayList<>(changed);
    }

    static Map<String, JsonNode> flatten(JsonNode node) {
        Map<String, JsonNode> out = new TreeMap<>();
        flatten("", node, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> out) {
        if (node != null && node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
                // Custom configuration keys contain dots: keep them whole under their section.
                if (prefix.isEmpty() && field.getKey().equals("customConfiguration") && field.getValue().isObject()) {
                    field.getValue().fields().forEachRemaining(e -> out.put(key + "." + e.getKey(), e.getValue()));
                } else {
                    flatten(key, field.getValue(), out);
                }
            }
        } else if (node != null && !prefix.isEmpty()) {
            out.put(prefix, node);
        }
    }

    private static JsonNode at(JsonNode node, String path) {
        JsonNode current = node;
        for (String part : path.split("\\.")) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(part);
        }
        return current;
    }
}
