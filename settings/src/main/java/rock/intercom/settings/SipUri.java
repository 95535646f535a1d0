package rock.intercom.settings;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A SIP or SIPS URI (RFC 3261 §19.1.1), parsed and normalised for comparison. Parse with
 * {@link #parse} or {@link #parseBare}; compare with {@link #equivalentTo}, which implements RFC 3261 §19.1.4. That
 * relation is not transitive, so it is deliberately not {@code equals} (which stays identity).
 * Immutable.
 */
public final class SipUri {

    /** Longer text is refused: no legitimate caller URI comes close. */
    public static final int MAX_LENGTH = 2048;

    /** §19.1.4: these parameters, present in only one of two URIs, make them unequal. */
    private static final Set<String> MUST_MATCH_PARAMETERS = Set.of("user", "ttl", "method", "maddr", "transport");

    private final boolean secure;
    private final String user;
    private final String password;
    private final String host;
    private final Integer port;
    private final Map<String, String> parameters;
    private final Map<String, String> headers;

    SipUri(boolean secure, String user, String password, String host, Integer port,
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
     * Parses a SIP URI as it appears in a From, To or P-Asserted-Identity header: a bare URI or a
     * name-addr ({@code "Door" <sip:100@pbx>}), surrounding blanks ignored; the display name is
     * dropped. Bad input gives {@link SipUriResult.Malformed}, never an exception.
     */
    public static SipUriResult parse(String text) {
        return SipUriParser.parse(text, true);
    }

    /**
     * Parses text that must be the URI alone, as typed into settings: no display name, angle
     * brackets or surrounding blanks. Bad input gives {@link SipUriResult.Malformed}.
     */
    public static SipUriResult parseBare(String text) {
        return SipUriParser.parse(text, false);
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

    /** True when the URI carries a password (RFC 3261 §19.1.1 deprecates it; it is never printed). */
    public boolean hasPassword() {
        return password != null;
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
}
