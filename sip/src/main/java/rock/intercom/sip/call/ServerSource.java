package rock.intercom.sip.call;

import java.net.InetAddress;
import java.net.UnknownHostException;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.Proxy;
import rock.intercom.settings.SipServer;

/**
 * Whether a request's source is the configured SIP server or the enabled proxy: the configured
 * address resolved (a literal resolves to itself) compared with the packet's source address, and
 * over UDP also the effective port. Over TCP and TLS the port is not compared: a server opens its
 * connections to us from ephemeral ports, and a connection's source address cannot be forged
 * without completing the handshake. Used to tell InviteSource.viaServerConnection: in both modes
 * only the server's calls are answered unless direct calls are accepted (issues 5 and 11).
 */
final class ServerSource {

    private ServerSource() {
    }

    static boolean matches(DeviceSettings settings, String address, int port, String transport) {
        boolean portMatters = transport == null || transport.equalsIgnoreCase("UDP");
        return matches(settings, address, portMatters ? port : -1);
    }

    /** As {@link #matches(DeviceSettings, String, int, String)} over UDP; port -1 compares addresses only. */
    static boolean matches(DeviceSettings settings, String address, int port) {
        if (settings == null || settings.sip() == null || address == null) {
            return false;
        }
        SipServer server = settings.sip().server();
        if (server != null && (port < 0 || port == server.effectivePort()) && sameHost(server.address(), address)) {
            return true;
        }
        Proxy proxy = settings.sip().proxy();
        return proxy != null && proxy.enabled() && (port < 0 || port == proxy.effectivePort())
                && sameHost(proxy.address(), address);
    }

    private static boolean sameHost(String configured, String actual) {
        if (configured == null || configured.isBlank()) {
            return false;
        }
        String host = configured.startsWith("[") && configured.endsWith("]")
                ? configured.substring(1, configured.length() - 1) : configured;
        try {
            for (InetAddress candidate : InetAddress.getAllByName(host)) {
                if (candidate.equals(InetAddress.getByName(actual))) {
                    return true;
                }
            }
            return false;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
