package rock.intercom.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import rock.intercom.app.audio.AudioOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./intercom device}: runs one door device until stopped. */
@Command(name = "device", mixinStandardHelpOptions = true,
        description = "Run one door device: its settings, event store, HTTP API and portal, and its SIP agent.")
public final class DeviceCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "Settings document (YAML). Changes made through the API are saved back to it.")
    Path config;

    @Option(names = "--http-port", defaultValue = "8080", paramLabel = "PORT",
            description = "HTTP port of the API and portal (0 picks a free port). Default: ${DEFAULT-VALUE}.")
    int httpPort;

    @Option(names = "--http-host", defaultValue = "0.0.0.0", paramLabel = "ADDRESS",
            description = "Address the API and portal listen on. Default: ${DEFAULT-VALUE}.")
    String httpHost;

    @Option(names = "--data-dir", defaultValue = "data", paramLabel = "DIR",
            description = "Where events and portal users are stored. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--sip-port", defaultValue = "5060", paramLabel = "PORT",
            description = "The device's own SIP port (0 picks a free port). Default: ${DEFAULT-VALUE}.")
    int sipPort;

    @Option(names = "--events-url", paramLabel = "JDBC_URL",
            description = "Keep events in a fleet's PostgreSQL (jdbc:postgresql://HOST:PORT/DB) instead of SQLite "
                    + "under --data-dir; user and password from INTERCOM_EVENTS_USER and INTERCOM_EVENTS_PASSWORD.")
    String eventsUrl;

    @Mixin
    AudioOptions audio;

    @Override
    public Integer call() throws Exception {
        DeviceOptions options = new DeviceOptions(config, dataDir, httpHost, httpPort, sipPort, audio.setup(),
                eventsUrl);
        DeviceRuntime device = DeviceRuntime.open(options, System.getenv(), System.out);
        // The shutdown hook owns closing: on Ctrl-C or SIGTERM the JVM does not wait for this thread.
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            device.close();
            closed.countDown();
        }, "intercom-shutdown"));
        System.out.printf("Rock Intercom device %s (%s): API http://%s:%d/api/v1, portal http://%s:%d/%n",
                device.deviceId(), device.deviceName(), displayHost(), device.httpPort(), displayHost(),
                device.httpPort());
        System.out.flush();
        closed.await();
        return 0;
    }

    private String displayHost() {
        return httpHost.equals("0.0.0.0") ? "127.0.0.1" : httpHost;
    }
}
