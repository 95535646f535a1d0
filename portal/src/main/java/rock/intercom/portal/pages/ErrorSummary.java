package rock.intercom.portal.pages;

import static rock.intercom.portal.pages.Html.esc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The list at the top of a rejected form: each error under its field's label, in the order the
 * fields appear, each a link to its field (GOV.UK-style error summary). Errors no field shows
 * (a whole-document problem) come last.
 */
final class ErrorSummary {

    private static final Pattern ENTRY = Pattern.compile("\\[(\\d+)]");
    /** Sections whose fields share labels with another section ("Port Number", "Authentication Username"). */
    private static final String[][] SECTIONS = {
        {"sip.server.", "SIP Server: "}, {"sip.identity.", "Identifying the Station: "},
        {"sip.proxy.", "Proxy Configuration: "}, {"door.", "Door: "}};

    /** One line of the summary. */
    record Item(int position, String href, String text) {
    }

    private ErrorSummary() {
    }

    static String render(List<String[]> fields, Map<String, String> errors) {
        StringBuilder html = new StringBuilder("<div class=\"problem\" role=\"alert\" id=\"error-summary\" tabindex=\"-1\">"
                + "<p>Nothing was changed. Correct these fields and submit again:</p><ul>");
        for (Item item : items(fields, errors)) {
            html.append("<li>").append(item.href() == null ? esc(item.text())
                    : "<a href=\"#" + esc(item.href()) + "\">" + esc(item.text()) + "</a>").append("</li>");
        }
        return html.append("</ul></div>").toString();
    }

    static List<Item> items(List<String[]> fields, Map<String, String> errors) {
        List<Item> items = new ArrayList<>();
        errors.forEach((key, message) -> items.add(item(fields, key, message)));
        items.sort(Comparator.comparingInt(Item::position).thenComparing(Item::text));
        return items;
    }

    private static Item item(List<String[]> fields, String key, String message) {
        for (int i = 0; i < fields.size(); i++) {
            String[] field = fields.get(i);
            String path = field[0];
            if (key.equals(path)) {
                return new Item(i, field[2], section(path) + field[1] + ": " + message);
            }
            if (key.startsWith(path + "[") || key.startsWith(path + ".")) {
                Matcher entry = ENTRY.matcher(key.substring(path.length()));
                if (entry.lookingAt()) {
                    int number = Integer.parseInt(entry.group(1)) + 1;
                    return new Item(i, Html.id(path) + "-" + number,
                            section(path) + field[1] + ", entry " + number + ": " + message);
                }
                return new Item(i, field[2], section(path) + field[1] + " (" + key.substring(path.length() + 1) + "): "
                        + message);
            }
        }
        return new Item(Integer.MAX_VALUE, null, key.isEmpty() ? message : key + ": " + message);
    }

    private static String section(String path) {
        for (String[] section : SECTIONS) {
            if (path.startsWith(section[0])) {
                return section[1];
            }
        }
        return "";
    }
}
