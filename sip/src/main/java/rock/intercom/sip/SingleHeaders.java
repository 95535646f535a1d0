package rock.intercom.sip;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Headers a message may carry only once (RFC 3261 §7.3.1: those not defined as comma-separated
 * lists), which JAIN-SIP's parser accepts twice by keeping one: two Call-IDs or two
 * Content-Lengths make a message whose meaning is a guess (RFC 4475 §3.3.8, §3.3.9), so it is
 * refused with 400. Reads the raw header section only; compact forms count as their long names.
 */
final class SingleHeaders {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("call-id", "Call-ID"), Map.entry("i", "Call-ID"),
            Map.entry("cseq", "CSeq"),
            Map.entry("from", "From"), Map.entry("f", "From"),
            Map.entry("to", "To"), Map.entry("t", "To"),
            Map.entry("max-forwards", "Max-Forwards"),
            Map.entry("content-length", "Content-Length"), Map.entry("l", "Content-Length"),
            Map.entry("content-type", "Content-Type"), Map.entry("c", "Content-Type"));

    private SingleHeaders() {
    }

    /** The first single header that {@code message} carries twice, or null. */
    static String repeated(byte[] message) {
        if (message == null) {
            return null;
        }
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        Set<String> seen = new HashSet<>();
        boolean firstLine = true;
        for (String line : head.split("\r?\n")) {
            if (firstLine || line.isEmpty() || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                firstLine = false;
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? null : NAMES.get(line.substring(0, colon).strip().toLowerCase(Locale.ROOT));
            if (name != null && !seen.add(name)) {
                return name;
            }
        }
        return null;
    }
}
