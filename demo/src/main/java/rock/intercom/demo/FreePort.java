package rock.intercom.demo;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds a port free for both UDP and TCP on one address, since SIP listens on both with one number. */
final class FreePort {
    private static final int ATTEMPTS = 20;

    private FreePort() {
    }

    static int pick(InetAddress address) throws IOException {
        IOException last = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress(address, 0));
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, port))) {
                    return port;
                }
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IOException("no port free for both UDP and TCP on " + address.getHostAddress(), last);
    }
}
