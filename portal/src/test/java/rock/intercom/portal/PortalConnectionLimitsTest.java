package rock.intercom.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.testkit.StrangerSockets;

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
    private final StrangerSockets strangers = new StrangerSockets();
    private PortalFixture portal;

    @AfterEach
    void close() throws Exception {
        strangers.close();
        if (portal != null) {
            portal.close();
        }
    }

    private PortalFixture limitedPortal() {
        return new PortalFixture(dir, PortalOptions.defaults(), server -> server.limitConnections(PER_ADDRESS, IN_ALL));
    }

    @Test
    void oneAddressHoldsAtMostItsShareAndOthersAreServed() throws Exception {
        portal = limitedPortal();
        List<Socket> stranger = strangers.connect("127.0.0.2", portal.server.port(), 3 * PER_ADDRESS);
        await().atMost(Duration.ofSeconds(5)).until(() -> StrangerSockets.keptOpen(stranger) == PER_ADDRESS);
        HttpResponse<String> page = portal.send(portal.request("/sign-in").GET().build());
        assertThat(page.statusCode()).isEqualTo(200);
    }

    @Test
    void theWholePortalHoldsAtMostItsLimitOpen() throws Exception {
        portal = limitedPortal();
        long before = StrangerSockets.openFiles();
        int addresses = IN_ALL / PER_ADDRESS + 2;
        List<Socket> all = new ArrayList<>();
        for (int a = 0; a < addresses; a++) {
            all.addAll(strangers.connect("127.0.0." + (2 + a), portal.server.port(), PER_ADDRESS));
        }
        Thread.sleep(1000); // Jetty accepts what it takes within a few milliseconds; give it a second
        // This JVM holds the strangers' ends too: what the portal accepted is the rest.
        long accepted = StrangerSockets.openFiles() - before - all.size();
        assertThat(accepted).as("connections the portal holds").isBetween((long) IN_ALL - 4, (long) IN_ALL + 4);
    }
}
