package rock.intercom.settings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A SIP or SIPS URI (RFC 3261 §19.1.1), parsed and normalised for comparison. Parse with
 * {@link #parse}; compare with {@link #equivalentTo}, which implements RFC 3261 §19.1.4. That
 * relation is not transitive, so it is deliberately not {@code equals} (which stays identity).
 * Immutable.
 */
public final class SipUri {

    /** Longer text is refused: no legitimate caller URI comes close. */
    public static final int MAX_LENGTH = 2048;

    /** §19.1.4: these parameters, present in only one of two URIs, make them unequal. */
    private static final Set<String> MUST_MATCH_PARAMETERS = Set.of("user", "ttl", "method", "maddr", "transport");

    /** RFC 3261 §25.1 "reserved": escaped forms of these are not equivalent to the plain character. */
    private static final String RESERVED = ";/?:@&=+$,";
    private static final String UNRESERVED_MARKS = "-_.!~*'()";
    private static final String USER_UNRESERVED = "&=+$,;?/";
    private static final String PASSWORD_UNRESERVED = "&=+$,";
    private static final String PARAM_UNRESERVED = "[]/:&+$";
    private static final String HEADER_UNRESERVED = "[]/?:+$";

    private final boolean secure;
    private final String user;
    private final String password;
    private final String host;
    private final Integer port;
    private final Map<String, String> parameters;
    private final Map<String, String> headers;

    private SipUri(boolean secure, String user, String password, String host, Integer port,
            Map<String, String> parameters, Map<String, String> headers) {
        this.secure = secure;
        this.user = user;
        this.password = password;
        this.host = host;
        this.port = port;
        this.parameters = Collections.unmodifiableMap(parameters);
        this.headers = Collections.unmodifiableMap(headers);
    }

    /**
     * Parses a SIP URI. Accepts a bare URI or a name-addr ({@code "Door" <sip:100@pbx>}); the
     * display name is ignored. Bad input gives {@link SipUriResult.Malformed}, never an exception.
     */
    public static SipUriResult parse(String text) {
        if (text == null) {
            return new SipUriResult.Malformed("", "no URI");
        }
        if (text.length() > MAX_LENGTH) {
            return new SipUriResult.Malformed(text.substring(0, 64) + "…", "longer than " + MAX_LENGTH + " characters");
        }
        try {
            return new SipUriResult.Valid(parseOrThrow(text));
        } catch (MalformedUri e) {
            return new SipUriResult.Malformed(text, e.getMessage());
        }
    }

    /**
     * RFC 3261 §19.1.4 equality: same scheme; user and password equal case-sensitively; host
     * equal ignoring case; port present in both and equal, or absent from both (an explicit 5060
     * does not equal no port); user, ttl, method, maddr and transport parameters present in both
     * and equal (ignoring case), or absent from both; other parameters compared only when present
     * in both; header components identical as sets. Escaped characters other than reserved ones
     * equal their plain form. A host name never equals the address it resolves to.
     */
    public boolean equivalentTo(SipUri other) {
        if (other == null || secure != other.secure) {
            return false;
        }
        if (!Objects.equals(user, other.user) || !Objects.equals(password, other.password)) {
            return false;
        }
        if (!host.equals(other.host) || !Objects.equals(port, other.port)) {
            return false;
        }
        for (var entry : parameters.entrySet()) {
            String theirs = other.parameters.get(entry.getKey());
            if (theirs == null) {
                if (!other.parameters.containsKey(entry.getKey()) && MUST_MATCH_PARAMETERS.contains(entry.getKey())) {
                    return false;
                }
            } else if (!theirs.equalsIgnoreCase(entry.getValue())) {
                return false;
            }
        }
        for (String name : other.parameters.keySet()) {
            if (!parameters.containsKey(name) && MUST_MATCH_PARAMETERS.contains(name)) {
                return false;
            }
        }
        if (!headers.keySet().equals(other.headers.keySet())) {
            return false;
        }
        for (var entry : headers.entrySet()) {
            if (!entry.getValue().equalsIgnoreCase(other.headers.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** {@code sips} rather than {@code sip}. */
    public boolean secure() {
        return secure;
    }

    /** The user part with non-reserved escapes decoded, or null when the URI has none. */
    public String user() {
        return user;
    }

    /** The host in lower case (IPv6 references keep their brackets). */
    public String host() {
        return host;
    }

    /** The explicit port, or null when the URI names none. */
    public Integer port() {
        return port;
    }

    /** URI parameters, names in lower case; a parameter without value maps to {@code ""}. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** Header components (after {@code ?}), names in lower case. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The normalised URI text (password left out, it is a secret). */
    @Override
    public String toString() {
        var text = new StringBuilder(secure ? "sips:" : "sip:");
        if (user != null) {
            text.append(user).append('@');
        }
        text.append(host);
        if (port != null) {
            text.append(':').append(port);
        }
        parameters.forEach((name, value) -> text.append(';').append(name).append(value.isEmpty() ? "" : "=" + value));
        String separator = "?";
        for (var entry : headers.entrySet()) {
            text.append(separator).append(entry.getKey()).append('=').append(entry.getValue());
            separator = "&";
        }
        return text.toString();
    }

    private static SipUri parseOrThrow(String raw) throws MalformedUri {
        String text = unwrapNameAddr(raw.strip());
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new MalformedUri("no scheme");
        }
        String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("sip") && !scheme.equals("sips")) {
            throw new MalformedUri("scheme is not sip or sips: " + scheme);
        }
        String rest = text.substring(colon + 1);
        String user = null;
        String password = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int passwordColon = userInfo.indexOf(':');
            String rawUser = passwordColon >= 0 ? userInfo.substring(0, passwordColon) : userInfo;
            if (rawUser.isEmpty()) {
                throw new MalformedUri("empty user part");
            }
            user = normalise(rawUser, USER_UNRESERVED, "user");
            if (passwordColon >= 0) {
                password = normalise(userInfo.substring(passwordColon + 1), PASSWORD_UNRESERVED, "password");
            }
        }
        var headers = new LinkedHashMap<String, String>();
        int question = rest.indexOf('?');
        if (question >= 0) {
            parseHeaders(rest.substring(question + 1), headers);
            rest = rest.substring(0, question);
        }
        var parameters = new LinkedHashMap<String, String>();
        int semicolon = rest.indexOf(';');
        if (semicolon >= 0) {
            parseParameters(rest.substring(semicolon + 1), parameters);
            rest = rest.substring(0, semicolon);
        }
        HostPort hostPort = HostPort.parse(rest);
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
                throw new MalformedUri("unterminated quoted display name");
            }
            from++;
        }
        int open = text.indexOf('<', from);
        if (open < 0) {
            if (from > 0) {
                throw new MalformedUri("display name without <URI>");
            }
            if (text.indexOf('>') >= 0) {
                throw new MalformedUri("'>' without '<'");
            }
            return text;
        }
        int close = text.indexOf('>', open);
        if (close < 0) {
            throw new MalformedUri("'<' without '>'");
        }
        return text.substring(open + 1, close).strip();
    }

    private static void parseParameters(String text, Map<String, String> into) throws MalformedUri {
        for (String parameter : text.split(";", -1)) {
            int equals = parameter.indexOf('=');
            String name = normalise(equals >= 0 ? parameter.substring(0, equals) : parameter, PARAM_UNRESERVED, "parameter")
                    .toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw new MalformedUri("empty parameter name");
            }
            String value = equals >= 0 ? normalise(parameter.substring(equals + 1), PARAM_UNRESERVED, "parameter") : "";
            if (into.put(name, value) != null) {
                throw new MalformedUri("parameter repeated: " + name);
            }
        }
    }

    private static void parseHeaders(String text, Map<String, String> into) throws MalformedUri {
        for (String header : text.split("&", -1)) {
            int equals = header.indexOf('=');
            if (equals <= 0) {
                throw new MalformedUri("header component without name=value");
            }
            String name = normalise(header.substring(0, equals), HEADER_UNRESERVED, "header").toLowerCase(Locale.ROOT);
            String value = normalise(header.substring(equals + 1), HEADER_UNRESERVED, "header");
            if (into.put(name, value) != null) {
                throw new MalformedUri("header repeated: " + name);
            }
        }
    }

    /**
     * Checks the characters of one component and decodes {@code %HH} escapes of characters that
     * may appear plain there and are not reserved, so {@code %61lice} equals {@code alice}
     * (§19.1.4); escapes that stay are upper-cased so {@code %2f} equals {@code %2F}.
     */
    private static String normalise(String text, String allowedMarks, String what) throws MalformedUri {
        var out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw new MalformedUri("incomplete escape in " + what);
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new MalformedUri("bad escape in " + what);
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
                throw new MalformedUri("character '" + printable(c) + "' not allowed in " + what);
            }
        }
        return out.toString();
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

    /** A parse failure inside this class; it never leaves it. */
    static final class MalformedUri extends Exception {
        MalformedUri(String message) {
            super(message, null, false, false);
        }
    }
}
