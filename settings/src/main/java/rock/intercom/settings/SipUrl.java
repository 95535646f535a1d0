package rock.intercom.settings;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Syntax check of an allowed caller: a full SIP or SIPS URI with a user and a host
 * (RFC 3261 §19.1.1, {@code sip:user@host[:port][;params]}), as the guide's "full SIP URL format".
 */
public final class SipUrl {

    /** An example to show in messages. */
    public static final String EXAMPLE = "sip:400@10.40.0.224";

    // RFC 3261 §25.1 user = 1*( unreserved / escaped / user-unreserved ); ';' left out to keep params apart.
    private static final Pattern USER = Pattern.compile("([A-Za-z0-9\\-_.!~*'()&=+$,?/]|%[0-9A-Fa-f]{2})+");
    private static final Pattern PARAMS = Pattern.compile("(;[A-Za-z0-9\\-_.!~*'()%]+(=[A-Za-z0-9\\-_.!~*'()%\\[\\]:]+)?)*");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    private SipUrl() {
    }

    /** Why {@code text} is not a full SIP URL, or empty when it is one. */
    public static Optional<String> problem(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("must not be empty");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith("sip:")) {
            rest = text.substring(4);
        } else if (lower.startsWith("sips:")) {
            rest = text.substring(5);
        } else {
            return Optional.of("must be a full SIP URL starting with sip: or sips:, such as " + EXAMPLE);
        }
        int at = rest.lastIndexOf('@');
        if (at <= 0) {
            return Optional.of("must name a user and a host, such as " + EXAMPLE);
        }
        if (!USER.matcher(rest.substring(0, at)).matches()) {
            return Optional.of("has an invalid user part");
        }
        return hostProblem(rest.substring(at + 1));
    }

    private static Optional<String> hostProblem(String hostPortParams) {
        int semicolon = hostPortParams.indexOf(';');
        String hostPort = semicolon < 0 ? hostPortParams : hostPortParams.substring(0, semicolon);
        String params = semicolon < 0 ? "" : hostPortParams.substring(semicolon);
        String host = hostPort;
        String port = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                return Optional.of("has an invalid host");
            }
            host = hostPort.substring(0, close + 1);
            String after = hostPort.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    return Optional.of("has an invalid host");
                }
                port = after.substring(1);
            }
        } else {
            int colon = hostPort.indexOf(':');
            if (colon >= 0) {
                host = hostPort.substring(0, colon);
                port = hostPort.substring(colon + 1);
            }
        }
        boolean hostOk = host.startsWith("[") ? HostAddress.isIpv6(host) : HostAddress.isIpv4(host) || HostAddress.isDnsName(host);
        if (host.isEmpty() || !hostOk) {
            return Optional.of("has an invalid host");
        }
        if (port != null && (!PORT.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535)) {
            return Optional.of("has an invalid port (1-65535)");
        }
        if (!PARAMS.matcher(params).matches()) {
            return Optional.of("has invalid URI parameters");
        }
        return Optional.empty();
    }
}
