package rock.intercom.portal.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An event's details as labelled fields in one fixed order, for people: "Number 401 · attempt 2 of
 * 3 · 486 Busy Here · SRTP AES_CM_128_HMAC_SHA1_80". Keys this list does not know follow in
 * alphabetical order as "key value", so nothing recorded is hidden.
 */
public final class EventDetailsText {

    /** One shown field: the detail keys it was made of and its text. */
    public record Field(String key, String text) {
    }

    /** Simple "Label value" fields, in the order they are shown (the call's fields first, its Call-ID last). */
    private static final String[][] LABELLED = {
        {"number", "Number"}, {"caller", "Caller"}, {"remote", "Remote"}, {"direction", ""},
        {"attempt", "attempt"}, {"sipStatus", ""}, {"reason", "reason"}, {"media", ""}, {"side", "hung up by"},
        {"source", "from"}, {"numbers", "numbers tried"}, {"error", "error"}, {"user", "user"}, {"change", ""}, {"role", "role"},
        {"ip", "address"}, {"by", "by"}, {"via", "via"}, {"server", "server"}, {"transport", "transport"},
        {"changed", "changed"}, {"wrongCodes", "wrong codes"}, {"within", "within"}, {"scope", "locked per"}, {"until", "until"},
        {"pulse", "pulse"}, {"suppressedBefore", "refused before and not recorded"},
        {"suppressedAllSources", "refused from all sources and not recorded"}, {"callId", "Call-ID"}};

    private EventDetailsText() {
    }

    public static List<Field> fields(Map<String, ?> details) {
        Map<String, Object> rest = new TreeMap<>(details);
        List<Field> fields = new ArrayList<>();
        for (String[] labelled : LABELLED) {
            String key = labelled[0];
            if (!rest.containsKey(key)) {
                continue;
            }
            Object value = rest.remove(key);
            String text = switch (key) {
                case "attempt" -> {
                    Object of = rest.remove("of");
                    yield "attempt " + text(value) + (of == null ? "" : " of " + text(of));
                }
                case "sipStatus" -> {
                    Object phrase = rest.remove("sipReason");
                    yield (text(value) + (phrase == null ? "" : " " + text(phrase))).trim();
                }
                default -> labelled[1].isEmpty() ? text(value) : labelled[1] + " " + text(value);
            };
            fields.add(new Field(key, text));
        }
        rest.forEach((key, value) -> fields.add(new Field(key, key + " " + text(value))));
        return fields;
    }

    /** The fields joined with " · ". */
    public static String text(Map<String, ?> details) {
        return String.join(" · ", fields(details).stream().map(Field::text).toList());
    }

    private static String text(Object value) {
        if (value instanceof List<?> list) {
            return String.join(", ", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }
}
