package rock.intercom.settings;

import java.util.Locale;
import java.util.Optional;
import rock.intercom.settings.SipUriResult.Part;

/**
 * An allowed caller in the guide's "full SIP URL format": a bare SIP or SIPS URI with a user and
 * a host ({@code sip:user@host[:port][;params]}, RFC 3261 §19.1.1), read with the same grammar
 * as the call policy reads it ({@link SipUri#parseBare}), so every entry that passes can match.
 */
public final class FullSipUrl {

    /** An example to show in messages. */
    public static final String EXAMPLE = "sip:400@10.40.0.224";

    private FullSipUrl() {
    }

    /** Why {@code text} is not a full SIP URL, or empty when it is one. */
    public static Optional<String> problem(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("must not be empty");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("sip:") && !lower.startsWith("sips:")) {
            return Optional.of("must be a full SIP URL starting with sip: or sips:, such as " + EXAMPLE);
        }
        // Before the grammar, so that "sip:10.40.0.224" is told what is missing rather than what is wrong.
        if (text.lastIndexOf('@') <= text.indexOf(':') + 1) {
            return Optional.of("must name a user and a host, such as " + EXAMPLE);
        }
        SipUriResult result = SipUri.parseBare(text);
        if (result instanceof SipUriResult.Malformed malformed) {
            return Optional.of(message(malformed.part(), text));
        }
        return fault(result.uriOrNull()).map(part -> message(part, text));
    }

    /**
     * What the format asks beyond the grammar: no password, a real address or name, a usable port,
     * no headers. The part at fault, worded by {@link #message} like the grammar's own faults.
     */
    private static Optional<Part> fault(SipUri uri) {
        if (uri.hasPassword()) {
            return Optional.of(Part.PASSWORD);
        }
        String host = uri.host();
        if (!(host.startsWith("[") ? HostAddress.isIpv6(host) : HostAddress.isIpv4(host) || HostAddress.isDnsName(host))) {
            return Optional.of(Part.HOST);
        }
        if (uri.port() != null && uri.port() == 0) {
            return Optional.of(Part.PORT);
        }
        if (!uri.headers().isEmpty()) {
            return Optional.of(Part.HEADER);
        }
        return Optional.empty();
    }

    /**
     * The format has no {@code ?header} part, so text from the {@code ?} on is reported as a fault
     * of the part it trails (parameters, port or host), as these messages have always read.
     */
    private static Part partTrailedByHeaders(String text) {
        int at = text.lastIndexOf('@');
        String hostPortParameters = text.substring(at + 1, text.indexOf('?', at));
        if (hostPortParameters.indexOf(';') >= 0) {
            return Part.PARAMETER;
        }
        String afterIpv6 = hostPortParameters.substring(hostPortParameters.lastIndexOf(']') + 1);
        return afterIpv6.indexOf(':') >= 0 ? Part.PORT : Part.HOST;
    }

    /** The one wording of a fault in {@code part}, whether the grammar or the format found it. */
    private static String message(Part part, String text) {
        return switch (part) {
            case TEXT -> "must be at most " + SipUri.MAX_LENGTH + " characters";
            case USER, PASSWORD -> "has an invalid user part";
            case HOST -> "has an invalid host";
            case PORT -> "has an invalid port (1-65535)";
            case PARAMETER -> "has invalid URI parameters";
            case HEADER -> message(partTrailedByHeaders(text), text);
            // Not reached: the text starts with the scheme and is read without a name-addr.
            case SCHEME, NAME_ADDR -> "must be a full SIP URL starting with sip: or sips:, such as " + EXAMPLE;
        };
    }
}
