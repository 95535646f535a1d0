package rock.intercom.testkit;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * Picks local ports that are free for both TCP and UDP on 127.0.0.1, so tests never clash.
 *
 * <p>Ports come from 10000–19999, below Linux's ephemeral range (32768–60999): a port the kernel
 * hands out for bind(0) may be handed out again to any outgoing socket before the peer that was
 * told to use it (Kamailio, SIPp, baresip) binds it — seen as "Address already in use" on a
 * loaded machine. A port is also never handed out twice by one JVM.
 */
public final class FreePorts {

    private static final int LOW = 10_000;
    private static final int HIGH = 19_999;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** A port free for TCP and UDP at the time of the call. */
    public static int tcpAndUdp() {
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH + 1);
            if (HANDED_OUT.contains(port)) {
                continue;
            }
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                        port))) {
                    if (claim(port)) {
                        return port;
                    }
                }
            } catch (IOException taken) {
                // In use for TCP or UDP: try another port.
            }
        }
        throw new IllegalStateException("no free TCP+UDP port found in " + LOW + "-" + HIGH);
    }

    private static boolean claim(int port) {
        synchronized (HANDED_OUT) {
            return HANDED_OUT.add(port);
        }
    }

    /** The first of {@code count} consecutive UDP ports, even and all free: SIPp's media sockets sit at -mp and up. */
    public static int udpRun(int count) {
        for (int attempt = 0; attempt < 500; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(LOW, HIGH + 2 - count) & ~1;
            if (!allFree(first, count)) {
                continue;
            }
            synchronized (HANDED_OUT) {
                if (IntStream.range(first, first + count).noneMatch(HANDED_OUT::contains)) {
                    IntStream.range(first, first + count).forEach(HANDED_OUT::add);
                    return first;
                }
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free UDP ports in " + LOW + "-" + HIGH);
    }

    private static boolean allFree(int first, int count) {
        List<DatagramSocket> probes = new ArrayList<>();
        try {
            for (int port = first; port < first + count; port++) {
                if (HANDED_OUT.contains(port)) {
                    return false;
                }
                probes.add(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
            }
            return true;
        } catch (IOException taken) {
            return false;
        } finally {
            probes.forEach(DatagramSocket::close);
        }
    }
}
