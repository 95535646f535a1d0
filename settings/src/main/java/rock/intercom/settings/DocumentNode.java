package rock.intercom.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One object of a parsed settings document, read field by field with type checks. A wrong type
 * becomes an error at the field's path and the field reads as absent, so one pass reports every
 * problem. Keys never read are reported as unknown by {@link #rejectUnknown}. Not thread-safe.
 */
final class DocumentNode {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[-+]?[0-9]{1,9}");

    private final JsonNode node;
    private final String path;
    private final ValidationErrors errors;
    private final Set<String> known = new HashSet<>();

    private DocumentNode(JsonNode node, String path, ValidationErrors errors) {
        this.node = node == null || node.isNull() ? MissingNode.getInstance() : node;
        this.path = path;
        this.errors = errors;
    }

    /** The document root, which must be an object. */
    static DocumentNode root(JsonNode node, ValidationErrors errors) {
        if (node == null || !node.isObject()) {
            errors.add("document", "must be a settings object (key: value pairs)");
            return new DocumentNode(MissingNode.getInstance(), "", errors);
        }
        return new DocumentNode(node, "", errors);
    }

    /** True when the object itself was given. */
    boolean present() {
        return !node.isMissingNode();
    }

    /** True when {@code key} holds a non-null value. */
    boolean has(String key) {
        known.add(key);
        return !field(key).isMissingNode();
    }

    /** A nested object; absent (and reported, if of another type) when it is not one. */
    DocumentNode object(String key) {
        JsonNode value = field(key);
        if (!value.isMissingNode() && !value.isObject()) {
            errors.add(pathOf(key), "must be an object (key: value pairs)");
            value = MissingNode.getInstance();
        }
        return new DocumentNode(value, pathOf(key), errors);
    }

    /** Text; numbers and booleans are taken as written (YAML users rarely quote {@code 505}). */
    String text(String key) {
        return textOf(field(key), pathOf(key));
    }

    /** A whole number, also accepted as digits in quotes. */
    Integer integer(String key) {
        JsonNode value = field(key);
        if (value.isMissingNode()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.intValue();
        }
        if (value.isTextual() && WHOLE_NUMBER.matcher(value.textValue().trim()).matches()) {
            return Integer.parseInt(value.textValue().trim());
        }
        errors.add(pathOf(key), value.isIntegralNumber() ? "is too large" : "must be a whole number");
        return null;
    }

    /** true or false, also accepted as that text. */
    Boolean bool(String key) {
        JsonNode value = field(key);
        if (value.isMissingNode()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual() && (value.textValue().equalsIgnoreCase("true") || value.textValue().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(value.textValue());
        }
        errors.add(pathOf(key), "must be true or false");
        return null;
    }

    /** One of the enum's constant names, ignoring case. */
    <E extends Enum<E>> E choice(String key, Class<E> type) {
        JsonNode value = field(key);
        if (value.isMissingNode()) {
            return null;
        }
        E[] constants = type.getEnumConstants();
        if (value.isTextual()) {
            String wanted = value.textValue().trim().toUpperCase(Locale.ROOT);
            for (E constant : constants) {
                if (constant.name().equals(wanted)) {
                    return constant;
                }
            }
        }
        errors.add(pathOf(key), "must be one of " + String.join(", ", Arrays.stream(constants).map(Enum::name).toList()));
        return null;
    }

    /** A list of the enum's constant names (ignoring case), duplicates dropped; null when absent. */
    <E extends Enum<E>> List<E> choiceList(String key, Class<E> type) {
        List<String> names = textList(key);
        if (names == null) {
            return null;
        }
        var chosen = new ArrayList<E>();
        for (int i = 0; i < names.size(); i++) {
            String wanted = names.get(i).trim().toUpperCase(Locale.ROOT);
            E match = Arrays.stream(type.getEnumConstants()).filter(c -> c.name().equals(wanted)).findFirst().orElse(null);
            if (match == null) {
                errors.add(pathOf(key) + "[" + i + "]", "must be one of "
                        + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
            } else if (!chosen.contains(match)) {
                chosen.add(match);
            }
        }
        return chosen;
    }

    /** A list of text values. */
    List<String> textList(String key) {
        JsonNode value = field(key);
        if (value.isMissingNode()) {
            return null;
        }
        if (!value.isArray()) {
            errors.add(pathOf(key), "must be a list");
            return null;
        }
        var items = new ArrayList<String>();
        for (int i = 0; i < value.size(); i++) {
            String item = textOf(value.get(i), pathOf(key) + "[" + i + "]");
            if (item != null) {
                items.add(item);
            } else if (value.get(i).isNull()) {
                errors.add(pathOf(key) + "[" + i + "]", "must not be empty");
            }
        }
        return items;
    }

    /** Free key/value text, kept in document order; every key is accepted. */
    Map<String, String> textMap(String key) {
        JsonNode value = field(key);
        var entries = new LinkedHashMap<String, String>();
        if (value.isMissingNode()) {
            return entries;
        }
        if (!value.isObject()) {
            errors.add(pathOf(key), "must be an object (key: value pairs)");
            return entries;
        }
        value.properties().forEach(entry -> {
            String entryPath = pathOf(key) + "." + entry.getKey();
            String text = textOf(entry.getValue(), entryPath);
            if (text != null) {
                entries.put(entry.getKey(), text);
            } else if (entry.getValue().isNull()) {
                errors.add(entryPath, "must have a value");
            }
        });
        return entries;
    }

    /** Reports every key of this object that no read asked for, except the ones listed. */
    void rejectUnknown(String... ignored) {
        known.addAll(List.of(ignored));
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                errors.add(pathOf(name), "is not a known setting");
            }
        });
    }

    private JsonNode field(String key) {
        known.add(key);
        JsonNode value = node.path(key);
        return value.isNull() ? MissingNode.getInstance() : value;
    }

    private String textOf(JsonNode value, String at) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        errors.add(at, "must be text");
        return null;
    }

    private String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
