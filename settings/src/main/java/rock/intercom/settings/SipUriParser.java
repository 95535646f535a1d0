package rock.intercom.settings;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import rock.intercom.settings.SipUriResult.Malformed;
import rock.intercom.settings.SipUriResult.Part;

/**
 * The SIP-URI and SIPS-URI grammar of RFC 3261 §25.1, normalising each part for the §19.1.4
 * comparison. Stateless; reached through {@link SipUri#parse} and {@link SipUri#parseBare}.
 */
final class SipUriParser {

    /** RFC 3261 §25.1 "reserved": escaped forms of these are not equivalent to the plain character. */
    private static final String RESERVED = ";/?:@&=+$,";
    private static final String UNRESERVED_MARKS = "-_.!~*'()";

    private SipUriParser() {
    }

    /** {@code text} as a URI, or a name-addr around one when {@code nameAddr} allows it. */
    static SipUriResult parse(String text, boolean nameAddr) {
        if (text == null) {
            return new Malformed("", Part.TEXT, "no URI");
        }
        if (text.length() > SipUri.MAX_LENGTH) {
            return new Malformed(text.substring(0, 64) + "…", Part.TEXT, "longer than " + SipUri.MAX_LENGTH + " characters");
        }
        try {
            return new SipUriResult.Valid(parseUri(nameAddr ? unwrapNameAddr(text.strip()) : text));
        } catch (MalformedUri e) {
            return new Malformed(text, e.part, e.getMessage());
        }
    }

    private static SipUri parseUri(String text) throws MalformedUri {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new MalformedUri(Part.SCHEME, "no scheme");
        }
        String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("sip") && !scheme.equals("sips")) {
            throw new MalformedUri(Part.SCHEME, "scheme is not sip or sips: " + scheme);
        }
        // No part after the user may hold a plain '@', so the user ends at the last one. All parts are
        // split off before any is checked, left to right, so the fault named is the first in the text.
        String rest = text.substring(colon + 1);
        int at = rest.lastIndexOf('@');
        String hostPart = rest.substring(at + 1);
        int question = hostPart.indexOf('?');
        String headerText = question >= 0 ? hostPart.substring(question + 1) : null;
        hostPart = question >= 0 ? hostPart.substring(0, question) : hostPart;
        int semicolon = hostPart.indexOf(';');
        String parameterText = semicolon >= 0 ? hostPart.substring(semicolon + 1) : null;
        String user = null;
        String password = null;
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            int passwordColon = userInfo.indexOf(':');
            String rawUser = passwordColon >= 0 ? userInfo.substring(0, passwordColon) : userInfo;
            if (rawUser.isEmpty()) {
                throw new MalformedUri(Part.USER, "empty user part");
            }
            user = normalise(rawUser, Part.USER);
            if (passwordColon >= 0) {
                password = normalise(userInfo.substring(passwordColon + 1), Part.PASSWORD);
            }
        }
        HostPort hostPort = HostPort.parse(semicolon >= 0 ? hostPart.substring(0, semicolon) : hostPart);
        var parameters = new LinkedHashMap<String, String>();
        if (parameterText != null) {
            parseParameters(parameterText, parameters);
        }
        var headers = new LinkedHashMap<String, String>();
        if (headerText != null) {
            parseHeaders(headerText, headers);
        }
        return new SipUri(scheme.equals("sips"), user, password, hostPort.host(), hostPort.port(), parameters, headers);
    }

    /**
     * {@code "Name" <sip:…>;tag=x} → {@code sip:…}; a bare URI is returned unchanged. A quoted
     * display name may hold {@code <} or escaped quotes (RFC 3261 §25.1 quoted-string).
     */
    private static String unwrapNameAddr(String text) throws MalformedUri {
        int from = 0;
        if (text.startsWith("\"")) {
            from = 1;
            while (from < text.length() && text.charAt(from) != '"') {
                from += text.charAt(from) == '\\' ? 2 : 1;
            }
            if (from >= text.length()) {
                throw new MalformedUri(Part.NAME_ADDR, "unterminated quoted display name");
            }
            from++;
        }
        int open = text.indexOf('<', from);
        if (open < 0) {
            if (from > 0) {
                throw new MalformedUri(Part.NAME_ADDR, "display name without <URI>");
            }
            if (text.indexOf('>') >= 0) {
                throw new MalformedUri(Part.NAME_ADDR, "'>' without '<'");
            }
            return text;
        }
        int close = text.indexOf('>', open);
        if (close < 0) {
            throw new MalformedUri(Part.NAME_ADDR, "'<' without '>'");
        }
        return text.substring(open + 1, close).strip();
    }

    private static void parseParameters(String text, Map<String, String> into) throws MalformedUri {
        for (String parameter : text.split(";", -1)) {
            int equals = parameter.indexOf('=');
            String name = normalise(equals >= 0 ? parameter.substring(0, equals) : parameter, Part.PARAMETER)
                    .toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw new MalformedUri(Part.PARAMETER, "empty parameter name");
            }
            String value = equals >= 0 ? normalise(parameter.substring(equals + 1), Part.PARAMETER) : "";
            if (into.put(name, value) != null) {
                throw new MalformedUri(Part.PARAMETER, "parameter repeated: " + name);
            }
        }
    }

    private static void parseHeaders(String text, Map<String, String> into) throws MalformedUri {
        for (String header : text.split("&", -1)) {
            int equals = header.indexOf('=');
            if (equals <= 0) {
                throw new MalformedUri(Part.HEADER, "header component without name=value");
            }
            String name = normalise(header.substring(0, equals), Part.HEADER).toLowerCase(Locale.ROOT);
            String value = normalise(header.substring(equals + 1), Part.HEADER);
            if (into.put(name, value) != null) {
                throw new MalformedUri(Part.HEADER, "header repeated: " + name);
            }
        }
    }

    /**
     * Checks the characters of one component and decodes {@code %HH} escapes of characters that
     * may appear plain there and are not reserved, so {@code %61lice} equals {@code alice}
     * (§19.1.4); escapes that stay are upper-cased so {@code %2f} equals {@code %2F}.
     */
    private static String normalise(String text, Part part) throws MalformedUri {
        String allowedMarks = plainMarks(part);
        var out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw new MalformedUri(part, "incomplete escape in " + part.noun());
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new MalformedUri(part, "bad escape in " + part.noun());
                }
                char decoded = (char) (high * 16 + low);
                if (allowedPlain(decoded, allowedMarks) && RESERVED.indexOf(decoded) < 0) {
                    out.append(decoded);
                } else {
                    out.append('%').append(Character.toUpperCase(text.charAt(i + 1))).append(Character.toUpperCase(text.charAt(i + 2)));
                }
                i += 2;
            } else if (allowedPlain(c, allowedMarks)) {
                out.append(c);
            } else {
                throw new MalformedUri(part, "character '" + printable(c) + "' not allowed in " + part.noun());
            }
        }
        return out.toString();
    }

    /**
     * The marks besides letters, digits and {@link #UNRESERVED_MARKS} that RFC 3261 §25.1 lets
     * stand plain in {@code part} (user-unreserved, password, param-unreserved, hnv-unreserved).
     */
    private static String plainMarks(Part part) {
        return switch (part) {
            case USER -> "&=+$,;?/";
            case PASSWORD -> "&=+$,";
            case PARAMETER -> "[]/:&+$";
            case HEADER -> "[]/?:+$";
            default -> throw new IllegalArgumentException("not a percent-encoded part: " + part.noun());
        };
    }

    private static boolean allowedPlain(char c, String allowedMarks) {
        return isAlphanumeric(c) || UNRESERVED_MARKS.indexOf(c) >= 0 || allowedMarks.indexOf(c) >= 0;
    }

    static boolean isAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    static String printable(char c) {
        return c < 0x20 || c >= 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    /** A parse failure inside the parser; it never leaves this package. */
    static final class MalformedUri extends Exception {
        private final Part part;

        MalformedUri(Part part, String message) {
            super(message, null, false, false);
            this.part = part;
        }
    }
}
