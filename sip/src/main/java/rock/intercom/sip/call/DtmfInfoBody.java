package rock.intercom.sip.call;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The body of a SIP INFO that carries a keypress (legacy INFO usage, RFC 6086 §2): what it means
 * for the response. Two de-facto formats are understood:
 * <ul>
 *   <li>{@code application/dtmf-relay}: lines {@code Signal=5} and {@code Duration=160}; only
 *   {@code Signal} matters;</li>
 *   <li>{@code application/dtmf}: the digit alone, e.g. {@code 5}.</li>
 * </ul>
 * A signal is {@code 0-9 * # A-D} (letters in either case); in dtmf-relay also the RFC 4733
 * §3.2 event code 10-15 that some phones send for {@code * # A B C D}. An INFO without a body is answered 200
 * and carries no digit (RFC 6086 §4.2.2); any other content type is 415, a dtmf body without a
 * usable signal 400. Bodies over {@link #MAX_BYTES} are refused as malformed.
 */
sealed interface DtmfInfoBody {

    /** A keypress body is a few bytes; anything much larger is not one. */
    int MAX_BYTES = 512;

    /** The application/* types accepted, for the 415's Accept header (RFC 3261 §21.4.13). */
    java.util.List<String> ACCEPTED_SUBTYPES = java.util.List.of("dtmf-relay", "dtmf");

    /** One digit to hand to the call: 200 OK. */
    record Digit(char digit) implements DtmfInfoBody {
    }

    /** An INFO without a body: 200 OK, nothing to hand over. */
    record Empty() implements DtmfInfoBody {
    }

    /** A content type we do not understand: 415 with Accept. */
    record Unsupported(String contentType) implements DtmfInfoBody {
    }

    /** A dtmf body without a usable signal: 400 with the reason. */
    record Malformed(String reason) implements DtmfInfoBody {
    }

    /**
     * Classifies an INFO body; {@code type} and {@code subtype} are the Content-Type's (null when
     * there is none). Never throws.
     */
    static DtmfInfoBody parse(String type, String subtype, byte[] body) {
        if (body == null || body.length == 0) {
            return new Empty();
        }
        String media = (type == null ? "" : type) + "/" + (subtype == null ? "" : subtype);
        media = media.toLowerCase(Locale.ROOT);
        if (!media.equals("application/dtmf-relay") && !media.equals("application/dtmf")) {
            return new Unsupported(media);
        }
        if (body.length > MAX_BYTES) {
            return new Malformed("DTMF body longer than " + MAX_BYTES + " bytes");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (media.equals("application/dtmf")) {
            return signal(text.strip(), false);
        }
        for (String line : text.split("\r?\n")) {
            int equals = line.indexOf('=');
            if (equals > 0 && line.substring(0, equals).strip().equalsIgnoreCase("Signal")) {
                return signal(line.substring(equals + 1).strip(), true);
            }
        }
        return new Malformed("dtmf-relay body without Signal");
    }

    private static DtmfInfoBody signal(String value, boolean eventCodes) {
        if (value.length() == 1) {
            char c = Character.toUpperCase(value.charAt(0));
            if (c >= '0' && c <= '9' || c == '*' || c == '#' || c >= 'A' && c <= 'D') {
                return new Digit(c);
            }
        } else if (eventCodes && value.length() == 2 && value.charAt(0) == '1'
                && value.charAt(1) >= '0' && value.charAt(1) <= '5') {
            return new Digit("*#ABCD".charAt(value.charAt(1) - '0'));
        }
        return new Malformed("not a DTMF signal: " + (value.length() > 16 ? value.substring(0, 16) + "…" : value));
    }
}
