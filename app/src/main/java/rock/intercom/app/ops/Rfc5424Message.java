package rock.intercom.app.ops;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import rock.intercom.events.SecurityEvent;
import rock.intercom.events.SecurityEventName;

/**
 * One security event as an RFC 5424 syslog message: facility authpriv (10), severity warning for
 * refusals and losses, notice otherwise; MSGID the event name without spaces; the event's id,
 * device and name, and its details, as structured data; MSG the name. Details carry text from the
 * network (already cut to 256 characters by the store's rules): it is escaped as §6.3.3 asks and
 * control characters become spaces, so no event can forge another line or element. Pure.
 */
public final class Rfc5424Message {

    /** RFC 5612's example Private Enterprise Number, the documented choice until the product has its own. */
    static final String ENTERPRISE = "32473";
    static final String APP_NAME = "rock-intercom";
    static final int AUTHPRIV = 10;
    static final int WARNING = 4;
    static final int NOTICE = 5;
    /** RFC 5426 §3.2: receivers must take 480 octets and should take 2048; we send at most this. */
    public static final int MAX_OCTETS = 2048;

    private static final Set<String> WARNINGS = Set.of(SecurityEventName.CALL_REJECTED.label(),
            SecurityEventName.REGISTRATION_LOST.label(), SecurityEventName.DOOR_RELEASE_REFUSED.label(),
            SecurityEventName.DOOR_RELEASE_LOCKED.label(), SecurityEventName.INPUT_LOST.label(),
            SecurityEventName.CALL_FAILED.label());
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX")
            .withZone(ZoneOffset.UTC);

    private Rfc5424Message() {
    }

    /** The message's octets (UTF-8), at most {@link #MAX_OCTETS}. */
    public static byte[] encode(SecurityEvent event, String hostname, long procId) {
        int severity = WARNINGS.contains(event.name()) ? WARNING : NOTICE;
        StringBuilder out = new StringBuilder(256);
        out.append('<').append(AUTHPRIV * 8 + severity).append(">1 ")
                .append(TIME.format(event.time())).append(' ')
                .append(headerField(hostname, 255)).append(' ')
                .append(APP_NAME).append(' ')
                .append(procId).append(' ')
                .append(headerField(event.name().replace(" ", ""), 32)).append(' ');
        out.append("[event@").append(ENTERPRISE)
                .append(" id=\"").append(event.id()).append('"')
                .append(" device=\"").append(paramValue(event.deviceId())).append('"')
                .append(" name=\"").append(paramValue(event.name())).append("\"]");
        if (!event.details().isEmpty()) {
            out.append("[details@").append(ENTERPRISE);
            for (Map.Entry<String, Object> detail : new java.util.TreeMap<>(event.details()).entrySet()) {
                out.append(' ').append(headerField(detail.getKey().replaceAll("[=\\]\"]", "_"), 32))
                        .append("=\"").append(paramValue(String.valueOf(detail.getValue()))).append('"');
            }
            out.append(']');
        }
        out.append(' ').append(clean(event.name()));
        return cut(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** PRINTUSASCII only (§6.2), at most {@code max} characters; '-' when nothing is left. */
    private static String headerField(String value, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            if (c > 32 && c < 127) {
                out.append(c);
            }
        }
        return out.length() == 0 ? "-" : out.toString();
    }

    /** §6.3.3: '"', '\' and ']' are escaped; control characters (CR, LF…) become spaces. */
    private static String paramValue(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c == ']') {
                out.append('\\').append(c);
            } else {
                out.append(Character.isISOControl(c) ? ' ' : c);
            }
        }
        return out.toString();
    }

    private static String clean(String text) {
        return text.chars().map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /** Cuts to {@link #MAX_OCTETS} on a character boundary (a UTF-8 continuation byte is 10xxxxxx). */
    private static byte[] cut(byte[] message) {
        if (message.length <= MAX_OCTETS) {
            return message;
        }
        int end = MAX_OCTETS;
        while (end > 0 && (message[end] & 0xC0) == 0x80) {
            end--;
        }
        return java.util.Arrays.copyOf(message, end);
    }
}
