package rock.intercom.settings;

import java.util.Locale;
import rock.intercom.settings.SipUriParser.MalformedUri;
import rock.intercom.settings.SipUriResult.Part;

/** The host and optional port of a SIP URI (RFC 3261 §25.1 hostport), host in lower case. */
record HostPort(String host, Integer port) {

    static HostPort parse(String text) throws MalformedUri {
        String host;
        String portText = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new MalformedUri(Part.HOST, "IPv6 reference without ']'");
            }
            host = text.substring(0, close + 1);
            for (char c : host.substring(1, host.length() - 1).toCharArray()) {
                if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                    throw new MalformedUri(Part.HOST, "bad IPv6 reference");
                }
            }
            String after = text.substring(close + 1);
            if (!after.isEmpty()) {
                if (after.charAt(0) != ':') {
                    throw new MalformedUri(Part.HOST, "text after IPv6 reference");
                }
                portText = after.substring(1);
            }
        } else {
            int colon = text.indexOf(':');
            host = colon >= 0 ? text.substring(0, colon) : text;
            portText = colon >= 0 ? text.substring(colon + 1) : null;
            if (host.isEmpty()) {
                throw new MalformedUri(Part.HOST, "empty host");
            }
            for (char c : host.toCharArray()) {
                if (!SipUriParser.isAlphanumeric(c) && c != '-' && c != '.') {
                    throw new MalformedUri(Part.HOST, "character '" + SipUriParser.printable(c) + "' not allowed in host");
                }
            }
        }
        return new HostPort(host.toLowerCase(Locale.ROOT), parsePort(portText));
    }

    private static Integer parsePort(String text) throws MalformedUri {
        if (text == null) {
            return null;
        }
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new MalformedUri(Part.PORT, "bad port: " + text);
        }
        int port = Integer.parseInt(text);
        if (port > 65535) {
            throw new MalformedUri(Part.PORT, "port out of range: " + port);
        }
        return port;
    }
}
