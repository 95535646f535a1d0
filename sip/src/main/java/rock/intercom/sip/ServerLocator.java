package rock.intercom.sip;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.InitialDirContext;
import rock.intercom.settings.Transport;

/**
 * Finds the next hop for a configured host, a subset of RFC 3263 §4: the transport is always the
 * configured one (no NAPTR); when no port is configured and the host is a name, the SRV records
 * {@code _sip._udp}, {@code _sip._tcp} or {@code _sips._tcp} are asked (§4.2) and the one with the
 * lowest priority and, among equals, highest weight is used; otherwise, or when SRV gives nothing,
 * the host's A/AAAA records with the transport's default port (5060, 5061 for TLS).
 */
final class ServerLocator {

    /** One SRV answer (RFC 2782). */
    record SrvRecord(int priority, int weight, int port, String target) {

        /** Parses "priority weight port target." as the JNDI DNS provider returns it. */
        static Optional<SrvRecord> parse(String text) {
            String[] parts = text.trim().split("\\s+");
            if (parts.length != 4) {
                return Optional.empty();
            }
            try {
                String target = parts[3].endsWith(".") ? parts[3].substring(0, parts[3].length() - 1) : parts[3];
                if (target.isEmpty()) {
                    return Optional.empty(); // "." means the service is not offered here.
                }
                return Optional.of(new SrvRecord(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                        Integer.parseInt(parts[2]), target));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    private ServerLocator() {
    }

    static NextHop locate(String host, Integer configuredPort, Transport transport) throws UnknownHostException {
        int defaultPort = transport == Transport.TLS ? 5061 : 5060;
        if (configuredPort == null && !VerifyingNetworkLayer.isAddressLiteral(host)) {
            Optional<SrvRecord> srv = best(lookupSrv(srvName(host, transport)));
            if (srv.isPresent()) {
                return new NextHop(host, InetAddress.getByName(srv.get().target()), srv.get().port(), transport);
            }
        }
        return new NextHop(host, InetAddress.getByName(host), configuredPort == null ? defaultPort : configuredPort,
                transport);
    }

    static String srvName(String host, Transport transport) {
        return switch (transport) {
            case UDP -> "_sip._udp.";
            case TCP -> "_sip._tcp.";
            case TLS -> "_sips._tcp.";
        } + host.toLowerCase(Locale.ROOT);
    }

    /** The record to use: lowest priority, then highest weight (no weighted random pick). */
    static Optional<SrvRecord> best(List<SrvRecord> records) {
        return records.stream().min(Comparator.comparingInt(SrvRecord::priority)
                .thenComparing(Comparator.comparingInt(SrvRecord::weight).reversed()));
    }

    private static List<SrvRecord> lookupSrv(String name) {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        env.put("com.sun.jndi.dns.timeout.initial", "1000");
        env.put("com.sun.jndi.dns.timeout.retries", "1");
        List<SrvRecord> records = new ArrayList<>();
        try {
            InitialDirContext dns = new InitialDirContext(env);
            try {
                Attribute srv = dns.getAttributes(name, new String[] {"SRV"}).get("SRV");
                if (srv != null) {
                    for (int i = 0; i < srv.size(); i++) {
                        SrvRecord.parse(String.valueOf(srv.get(i))).ifPresent(records::add);
                    }
                }
            } finally {
                dns.close();
            }
        } catch (NamingException noRecords) {
            // No SRV (or no DNS): RFC 3263 §4.2 falls back to A/AAAA.
        }
        return records;
    }
}
