package rock.intercom.app.audio;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.UnknownHostException;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.Proxy;
import rock.intercom.settings.SipServer;

/**
 * The local IP address a call's RTP sockets bind to and its SDP {@code c=}/{@code o=} lines carry
 * (RFC 4566 §5.7). Media must come back to an address the SIP peer can reach, so by default it is
 * the address the system routes from towards the outbound proxy or SIP server.
 */
@FunctionalInterface
public interface MediaAddress {

    /** The address for a call made or answered under {@code settings}. */
    InetAddress forCall(DeviceSettings settings) throws IOException;

    /** Always {@code address} (tests, or a device with one interface). */
    static MediaAddress fixed(InetAddress address) {
        return settings -> address;
    }

    /** The source address the routing table picks towards the proxy, else the server, else this host's. */
    static MediaAddress towardsServer() {
        return settings -> {
            String host = signallingPeer(settings);
            if (host == null) {
                return InetAddress.getLocalHost();
            }
            InetAddress peer = InetAddress.getByName(host);
            if (peer.isLoopbackAddress()) {
                return peer;
            }
            try (DatagramSocket probe = new DatagramSocket()) {
                // connect() on UDP sends nothing; it only asks the kernel for the route's source address.
                probe.connect(peer, 9);
                InetAddress local = probe.getLocalAddress();
                if (local != null && !local.isAnyLocalAddress()) {
                    return local;
                }
            }
            return InetAddress.getLocalHost();
        };
    }

    private static String signallingPeer(DeviceSettings settings) throws UnknownHostException {
        if (settings == null || settings.sip() == null) {
            return null;
        }
        Proxy proxy = settings.sip().proxy();
        if (proxy != null && proxy.enabled() && proxy.address() != null && !proxy.address().isBlank()) {
            return proxy.address();
        }
        SipServer server = settings.sip().server();
        return server == null || server.address() == null || server.address().isBlank() ? null : server.address();
    }
}
