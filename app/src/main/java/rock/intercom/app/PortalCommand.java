package rock.intercom.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import rock.intercom.fleet.central.CentralPortal;

/** {@code ./intercom portal}: the central Admin Portal and API of every enrolled door device. */
@Command(name = "portal", mixinStandardHelpOptions = true,
        description = "Run the central Admin Portal and API for a fleet of door devices that connect to it.")
public final class PortalCommand implements Callable<Integer> {

    @Option(names = "--http-port", defaultValue = "8443", paramLabel = "PORT",
            description = "HTTP port of the portal, the API and the devices' links (0 picks one). Default: ${DEFAULT-VALUE}.")
    int httpPort;

    @Option(names = "--http-host", defaultValue = "0.0.0.0", paramLabel = "ADDRESS",
            description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    String httpHost;

    @Option(names = "--data-dir", defaultValue = "portal-data", paramLabel = "DIR",
            description = "Users (portal-users.json), and without --db-url the devices (fleet.db) and events "
                    + "(events.db). Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "Keep devices and events in PostgreSQL (jdbc:postgresql://HOST:PORT/DB); user and "
                    + "password from INTERCOM_DB_USER and INTERCOM_DB_PASSWORD. Several portal processes may share "
                    + "it (and --data-dir's users file): sessions, device status and commands work across them.")
    String dbUrl;

    @Override
    public Integer call() throws Exception {
        CentralPortal portal = CentralPortal.start(dataDir, dbUrl, httpHost, httpPort, System.getenv(), System.out);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            portal.close();
            closed.countDown();
        }, "intercom-shutdown"));
        System.out.printf("Rock Intercom portal: http://%s:%d/ (devices enrol with --portal-url http://%s:%d)%n",
                displayHost(), portal.port(), displayHost(), portal.port());
        System.out.flush();
        closed.await();
        return 0;
    }

    private String displayHost() {
        return httpHost.equals("0.0.0.0") ? "127.0.0.1" : httpHost;
    }
}
