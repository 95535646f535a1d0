package rock.intercom.portal.pages;

import static rock.intercom.portal.pages.Html.esc;
import static rock.intercom.portal.pages.Html.id;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes labelled form fields named by their settings path, each with its help text and, after a
 * rejected submit, its error right below it. Every input gets a {@code <label for>}.
 */
final class FormWriter {

    private final JsonNode values;
    private final Map<String, String> errors;
    private final StringBuilder out = new StringBuilder(16_384);
    /** Every field written, in form order: path, label, element id; the error summary follows it. */
    private final List<String[]> fields = new ArrayList<>();

    FormWriter(JsonNode values, Map<String, String> errors) {
        this.values = values;
        this.errors = errors;
    }

    StringBuilder out() {
        return out;
    }

    /** Notes a field written by hand ({@link #raw}) for the error summary. */
    FormWriter field(String path, String label, String elementId) {
        fields.add(new String[] {path, label, elementId});
        return this;
    }

    List<String[]> fields() {
        return fields;
    }

    FormWriter raw(String html) {
        out.append(html);
        return this;
    }

    JsonNode value(String path) {
        JsonNode node = values;
        for (String part : path.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        return node == null || node.isNull() ? null : node;
    }

    String text(String path) {
        JsonNode node = value(path);
        return node == null ? "" : node.asText();
    }

    boolean bool(String path) {
        JsonNode node = value(path);
        return node != null && node.asBoolean(false);
    }

    /** Errors for this path, or for entries below it ({@code path[1]}, {@code path.1}, {@code path.key}). */
    List<String> errorsFor(String path) {
        List<String> found = new ArrayList<>();
        errors.forEach((key, message) -> {
            if (key.equals(path) || key.startsWith(path + "[") || key.startsWith(path + ".")) {
                found.add(key.equals(path) ? message : entryName(key.substring(path.length())) + ": " + message);
            }
        });
        return found;
    }

    /** {@code [0]} → {@code entry 1}; {@code .name} → {@code name} (a custom parameter). */
    private static String entryName(String suffix) {
        if (suffix.startsWith("[") && suffix.endsWith("]")) {
            try {
                return "entry " + (Integer.parseInt(suffix.substring(1, suffix.length() - 1)) + 1);
            } catch (NumberFormatException e) {
                return suffix;
            }
        }
        return suffix.substring(1);
    }

    private String describedBy(String path, String help) {
        List<String> ids = new ArrayList<>();
        if (help != null) {
            ids.add("help-" + id(path));
        }
        if (!errorsFor(path).isEmpty()) {
            ids.add("error-" + id(path));
        }
        String attrs = ids.isEmpty() ? "" : " aria-describedby=\"" + String.join(" ", ids) + "\"";
        return attrs + (errorsFor(path).isEmpty() ? "" : " aria-invalid=\"true\"");
    }

    void helpAndError(String path, String help) {
        if (help != null) {
            out.append("<p class=\"help\" id=\"help-").append(id(path)).append("\">").append(esc(help)).append("</p>");
        }
        List<String> messages = errorsFor(path);
        if (!messages.isEmpty()) {
            out.append("<p class=\"field-error\" id=\"error-").append(id(path)).append("\" data-error-for=\"")
                    .append(esc(path)).append("\">").append(esc(String.join("; ", messages))).append("</p>");
        }
    }

    FormWriter input(String path, String label, String type, String help, String extra) {
        field(path, label, id(path));
        out.append("<div class=\"field\"><label for=\"").append(id(path)).append("\">").append(esc(label))
                .append("</label><input id=\"").append(id(path)).append("\" name=\"").append(esc(path))
                .append("\" type=\"").append(type).append("\" value=\"").append(esc(text(path))).append("\"")
                .append(describedBy(path, help)).append(extra == null ? "" : " " + extra).append(">");
        helpAndError(path, help);
        out.append("</div>");
        return this;
    }

    /** A password field: never filled in; the placeholder says whether one is stored. */
    FormWriter password(String path, String label, String help, boolean stored) {
        field(path, label, id(path));
        String placeholder = stored ? "Stored; leave blank to keep it" : "Not set";
        out.append("<div class=\"field\"><label for=\"").append(id(path)).append("\">").append(esc(label))
                .append("</label><input id=\"").append(id(path)).append("\" name=\"").append(esc(path))
                .append("\" type=\"password\" autocomplete=\"new-password\" placeholder=\"").append(placeholder)
                .append("\"").append(describedBy(path, help)).append(">");
        helpAndError(path, help);
        out.append("</div>");
        return this;
    }

    FormWriter checkbox(String path, String label, String help, String extra) {
        field(path, label, id(path));
        out.append("<div class=\"field check\"><input type=\"checkbox\" id=\"").append(id(path)).append("\" name=\"")
                .append(esc(path)).append("\" value=\"true\"").append(bool(path) ? " checked" : "")
                .append(describedBy(path, help)).append(extra == null ? "" : " " + extra).append("><label for=\"")
                .append(id(path)).append("\">").append(esc(label)).append("</label>");
        helpAndError(path, help);
        out.append("</div>");
        return this;
    }

    FormWriter select(String path, String label, String help, String[][] options, String extra) {
        field(path, label, id(path));
        String current = text(path);
        out.append("<div class=\"field\"><label for=\"").append(id(path)).append("\">").append(esc(label))
                .append("</label><select id=\"").append(id(path)).append("\" name=\"").append(esc(path)).append("\"")
                .append(describedBy(path, help)).append(extra == null ? "" : " " + extra).append(">");
        for (String[] option : options) {
            out.append("<option value=\"").append(esc(option[0])).append("\"")
                    .append(option[0].equals(current) ? " selected" : "").append(">").append(esc(option[1]))
                    .append("</option>");
        }
        out.append("</select>");
        helpAndError(path, help);
        out.append("</div>");
        return this;
    }

    /** Radio buttons, each with a label and a description. */
    FormWriter radios(String path, String legend, String help, String[][] options) {
        field(path, legend, id(path));
        String current = text(path);
        out.append("<fieldset class=\"radios\" id=\"").append(id(path)).append("\"><legend>").append(esc(legend))
                .append("</legend>");
        for (String[] option : options) {
            String optionId = id(path) + "-" + (option[0].isEmpty() ? "none" : id(option[0]));
            out.append("<div class=\"radio\"><input type=\"radio\" name=\"").append(esc(path)).append("\" id=\"")
                    .append(optionId).append("\" value=\"").append(esc(option[0])).append("\"")
                    .append(option[0].equals(current) ? " checked" : "").append("><label for=\"").append(optionId)
                    .append("\">").append(esc(option[1])).append("</label>");
            if (option.length > 2) {
                out.append("<p class=\"help\">").append(esc(option[2])).append("</p>");
            }
            out.append("</div>");
        }
        helpAndError(path, help);
        out.append("</fieldset>");
        return this;
    }

    /** A list of text entries: a plus button adds one, each entry's remove button takes it out. */
    FormWriter list(String path, String legend, String entryLabel, String help, String addLabel, String placeholder) {
        field(path, legend, id(path) + "-1");
        JsonNode node = value(path);
        List<String> entries = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> entries.add(n.asText()));
        }
        if (entries.isEmpty()) {
            entries.add("");
        }
        String listId = id(path);
        out.append("<fieldset class=\"list\" id=\"").append(listId).append("\"><legend>").append(esc(legend))
                .append("</legend><ol class=\"entries\" id=\"").append(listId).append("-entries\">");
        for (int i = 0; i < entries.size(); i++) {
            out.append(entry(path, entryLabel, i + 1, entries.get(i), placeholder));
        }
        out.append("</ol><template id=\"").append(listId).append("-template\">")
                .append(entry(path, entryLabel, 0, "", placeholder)).append("</template>")
                .append("<button type=\"button\" class=\"plus\" data-add-entry=\"").append(listId)
                .append("\" aria-label=\"").append(esc(addLabel)).append("\" title=\"").append(esc(addLabel))
                .append("\">+</button>");
        helpAndError(path, help);
        out.append("</fieldset>");
        return this;
    }

    private static String entry(String path, String label, int number, String value, String placeholder) {
        String entryId = id(path) + "-" + (number == 0 ? "new" : Integer.toString(number));
        return "<li><label for=\"" + entryId + "\" class=\"visually-hidden\">" + esc(label) + " " + (number == 0 ? ""
                : number) + "</label><input id=\"" + entryId + "\" name=\"" + esc(path) + "\" value=\"" + esc(value)
                + "\" placeholder=\"" + esc(placeholder) + "\">" + removeButton(label + (number == 0 ? "" : " " + number))
                + "</li>";
    }

    /** The button that takes one list entry out (the page's script removes its {@code <li>}). */
    static String removeButton(String what) {
        return "<button type=\"button\" class=\"remove\" data-remove-entry aria-label=\"Remove " + esc(what)
                + "\" title=\"Remove\">×</button>";
    }
}
