package rock.intercom.sip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.UnknownHostException;

/** The device's own address and port for SIP. */
final class LocalAddresses {

    private LocalAddresses() {
    }

    /** The local address the system routes to {@code peer} from (what Via and Contact must carry). */
    static String towards(InetAddress peer) throws UnknownHostException {
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(peer, 9);
            InetAddress local = probe.getLocalAddress();
            if (local != null && !local.isAnyLocalAddress()) {
                return local.getHostAddress();
            }
        } catch (SocketException e) {
            // No route: fall through to the host's own address.
        }
        return InetAddress.getLocalHost().getHostAddress();
    }

    /** A port free for both TCP and UDP right now ({@code --sip-port 0}). */
    static int freePort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress(0));
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(port)) {
                    return port;
                } catch (SocketException taken) {
                    // UDP twin busy: try another.
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free port for SIP");
    }
}
