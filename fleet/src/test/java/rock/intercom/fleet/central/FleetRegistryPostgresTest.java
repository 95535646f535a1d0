package rock.intercom.fleet.central;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import rock.intercom.testkit.PostgresServer;

/** The registry's tests on a real PostgreSQL (Debian's package, started by the testkit). */
class FleetRegistryPostgresTest extends FleetRegistryTest {

    private static PostgresServer server;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Override
    String jdbcUrl() throws Exception {
        synchronized (FleetRegistryPostgresTest.class) {
            if (server == null) {
                server = PostgresServer.start();
            }
        }
        return server.createDatabase("fleet_" + DATABASES.incrementAndGet());
    }

    @Override
    String user() {
        return PostgresServer.USER;
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
