package rock.intercom.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strangers on the LAN open connections to a door's portal and hold them (127.0.0.2 and on: other
 * addresses of this host): one address keeps at most its share open, all of them at most the limit
 * in all, and the portal still serves others.
 */
class PortalConnectionLimitsTest {
    private static final int PER_ADDRESS = 8;
    private static final int IN_ALL = 24;
    @TempDir
    Path dir;
    private final List<Socket> opened = new ArrayList<>();
    private PortalFixture portal;

    @AfterEach
    void close() throws IOException {
        for (Socket s : opened) {
            s.close();
        }
        if (portal != null) {
            portal.close();
        }
    }

    private List<Socket> connect(String from, int n) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Socket s = new Socket();
            s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            s.connect(new InetSocketAddress("127.0.0.1", portal.server.port()), 2000);
            sockets.add(s);
            opened.add(s);
        }
        return sockets;
    }

    /** Whether the portal still holds the connection open: a read waits instead of ending. */
    private static boolean keptOpen(Socket s) throws IOException {
        s.setSoTimeout(200);
        try {
            return s.getInputStream().read() >= 0;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static long keptOpen(List<Socket> sockets) throws IOException {
        long kept = 0;
        for (Socket s : sockets) {
            kept += keptOpen(s) ? 1 : 0;
        }
        return kept;
    }

    @Test
    void oneAddressHoldsAtMostItsShareAndOthersAreServed() throws Exception {
        portal = new PortalFixture(dir, PortalOptions.defaults(), server -> server.limitConnections(PER_ADDRESS, IN_ALL));
        List<Socket> stranger = connect("127.0.0.2", 3 * PER_ADDRESS);
        await().atMost(Duration.ofSeconds(5)).until(() -> keptOpen(stranger) == PER_ADDRESS);
        HttpResponse<String> page = portal.send(portal.request("/sign-in").GET().build());
        assertThat(page.statusCode()).isEqualTo(200);
    }

    private static long openFiles() throws IOException {
        try (var files = java.nio.file.Files.list(Path.of("/proc/self/fd"))) {
            return files.count();
        }
    }

    @Test
    void theWholePortalHoldsAtMostItsLimitOpen() throws Exception {
        portal = new PortalFixture(dir, PortalOptions.defaults(), server -> server.limitConnections(PER_ADDRESS, IN_ALL));
        long before = openFiles();
        int addresses = IN_ALL / PER_ADDRESS + 2;
        List<Socket> strangers = new ArrayList<>();
        for (int a = 0; a < addresses; a++) {
            strangers.addAll(connect("127.0.0." + (2 + a), PER_ADDRESS));
        }
        Thread.sleep(1000); // Jetty accepts what it takes within a few milliseconds; give it a second
        // This JVM holds the strangers' ends too: what the portal accepted is the rest.
        long accepted = openFiles() - before - strangers.size();
        assertThat(accepted).as("connections the portal holds").isBetween((long) IN_ALL - 4,
            (long) IN_ALL + 4);
    }
}
