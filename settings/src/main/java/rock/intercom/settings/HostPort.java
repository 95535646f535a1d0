package rock.intercom.settings;

import java.util.Locale;

/** The host and optional port of a SIP URI (RFC 3261 §25.1 hostport), host in lower case. */
record HostPort(String host, Integer port) {

    static HostPort parse(String text) throws SipUri.MalformedUri {
        String host;
        String portText = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new SipUri.MalformedUri("IPv6 reference without ']'");
            }
            host = text.substring(0, close + 1);
            for (char c : host.substring(1, host.length() - 1).toCharArray()) {
                if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                    throw new SipUri.MalformedUri("bad IPv6 reference");
                }
            }
            String after = text.substring(close + 1);
            if (!after.isEmpty()) {
                if (after.charAt(0) != ':') {
                    throw new SipUri.MalformedUri("text after IPv6 reference");
                }
                portText = after.substring(1);
            }
        } else {
            int colon = text.indexOf(':');
            host = colon >= 0 ? text.substring(0, colon) : text;
            portText = colon >= 0 ? text.substring(colon + 1) : null;
            if (host.isEmpty()) {
                throw new SipUri.MalformedUri("empty host");
            }
            for (char c : host.toCharArray()) {
                if (!SipUri.isAlphanumeric(c) && c != '-' && c != '.') {
                    throw new SipUri.MalformedUri("character '" + SipUri.printable(c) + "' not allowed in host");
                }
            }
        }
        return new HostPort(host.toLowerCase(Locale.ROOT), parsePort(portText));
    }

    private static Integer parsePort(String text) throws SipUri.MalformedUri {
        if (text == null) {
            return null;
        }
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new SipUri.MalformedUri("bad port: " + text);
        }
        int port = Integer.parseInt(text);
        if (port > 65535) {
            throw new SipUri.MalformedUri("port out of range: " + port);
        }
        return port;
    }
}
