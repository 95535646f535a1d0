package rock.intercom.app.ops;

import java.net.URI;
import java.util.Locale;

/**
 * Where security events go for a SIEM: {@code udp://HOST[:514]} (RFC 5426), {@code tcp://HOST[:601]}
 * (RFC 6587 octet counting) or {@code tls://HOST[:6514]} (RFC 5425; the server certificate is
 * checked against {@code caPem}, or the system trust store when null, and its host name).
 */
public record SyslogTarget(Transport transport, String host, int port, String caPem) {

    /** How the messages travel. */
    public enum Transport {
        UDP(514), TCP(601), TLS(6514);

        final int defaultPort;

        Transport(int defaultPort) {
            this.defaultPort = defaultPort;
        }
    }

    public SyslogTarget {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("a syslog target needs a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("syslog port must be 1-65535, was " + port);
        }
        if (caPem != null && transport != Transport.TLS) {
            throw new IllegalArgumentException("a CA certificate only applies to tls://");
        }
    }

    /** Parses {@code udp://host:port}, {@code tcp://…}, {@code tls://…}; the reason when it is not one. */
    public static SyslogTarget parse(String url, String caPem) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getReason());
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("expected udp://HOST[:PORT], tcp://… or tls://…, was " + url);
        }
        Transport transport;
        try {
            transport = Transport.valueOf(uri.getScheme().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("transport must be udp, tcp or tls, was " + uri.getScheme());
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() || uri.getQuery() != null) {
            throw new IllegalArgumentException("a syslog URL has no path or query: " + url);
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        return new SyslogTarget(transport, host, uri.getPort() < 0 ? transport.defaultPort : uri.getPort(), caPem);
    }

    @Override
    public String toString() {
        return transport.name().toLowerCase(Locale.ROOT) + "://" + host + ":" + port;
    }
}
