package rock.intercom.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
            description = "Without --db-url: users (portal-users.json), API tokens (api-tokens.json), the devices "
                    + "(fleet.db) and events (events.db). Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "Keep devices, events and users in PostgreSQL (jdbc:postgresql://HOST:PORT/DB); user and "
                    + "password from INTERCOM_DB_USER and INTERCOM_DB_PASSWORD. Several portal processes may share "
                    + "it: users, API tokens, sessions, the sign-in throttle, device status and commands work "
                    + "across them.")
    String dbUrl;

    @Option(names = "--https-port", paramLabel = "PORT",
            description = "Serve the portal, API and the devices' links over HTTPS (wss://) on PORT too; plain HTTP "
                    + "then redirects to it. Needs --https-cert and --https-key: devices verify the certificate.")
    Integer httpsPort;

    @Mixin
    HttpsKeyFiles httpsKeys;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path httpsCert = httpsKeys.cert;
        Path httpsKey = httpsKeys.key;
        if ((httpsPort != null) != (httpsCert != null) || (httpsCert == null) != (httpsKey == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--https-port, --https-cert and --https-key go together");
        }
        rock.intercom.portal.TlsKeys tls = httpsCert == null ? null
                : rock.intercom.portal.TlsKeys.fromPem(httpsCert, httpsKey);
        CentralPortal portal = CentralPortal.start(dataDir, dbUrl, httpHost, httpPort, tls,
                httpsPort == null ? -1 : httpsPort, System.getenv(), System.out);
        UntilStopped stopped = UntilStopped.onShutdown("intercom-shutdown", portal::close);
        System.out.printf("Rock Intercom portal: http://%s:%d/ (devices enrol with --portal-url http://%s:%d)%n",
                displayHost(), portal.port(), displayHost(), portal.port());
        if (portal.httpsPort() > 0) {
            System.out.printf("Portal over HTTPS: https://%s:%d/ (devices: --portal-url https://NAME:%d with the "
                    + "certificate's name)%n", displayHost(), portal.httpsPort(), portal.httpsPort());
        }
        System.out.flush();
        stopped.await();
        return 0;
    }

    private String displayHost() {
        return httpHost.equals("0.0.0.0") ? "127.0.0.1" : httpHost;
    }
}
