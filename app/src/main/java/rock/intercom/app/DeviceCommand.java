package rock.intercom.app;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import rock.intercom.app.audio.AudioOptions;
import rock.intercom.app.door.ButtonSource;
import rock.intercom.app.door.DoorWiring;
import rock.intercom.app.service.ServiceWatchdog;
import rock.intercom.app.service.SystemdNotify;
import rock.intercom.app.video.VideoSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./intercom device}: runs one door device until stopped. */
@Command(name = "device", mixinStandardHelpOptions = true,
        description = "Run one door device: its settings, event store, HTTP API and portal, and its SIP agent.")
public final class DeviceCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

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

    @Option(names = "--button", paramLabel = "SOURCE", converter = ButtonSourceConverter.class,
            description = "The wired call button: evdev:/dev/input/by-path/…-event[:KEY_NAME] (any key when no name) "
                    + "or gpio:CHIP:LINE[:falling] (libgpiod's gpiomon).")
    ButtonSource button;

    @Option(names = "--door-relay", paramLabel = "OUTPUT",
            description = "The door strike's relay: sysfs:PATH (a GPIO value or gpio-leds brightness file) "
                    + "or gpio:CHIP:LINE (libgpiod's gpioset). Pulse length: door.release.pulseSeconds.")
    String doorRelay;

    @Option(names = "--camera", paramLabel = "SOURCE",
            description = "What video calls send (sip.callOptions.videoCalls): v4l2:/dev/videoN, test (a test "
                    + "pattern with a running clock) or file:PATH (played once per call). "
                    + "Default: /dev/video0 if present, else test.")
    String camera;

    @Option(names = "--https-port", paramLabel = "PORT",
            description = "Serve the portal and API over HTTPS on PORT too; plain HTTP then redirects to it. Without "
                    + "--https-cert a self-signed certificate is made on first start (its SHA-256 fingerprint is printed).")
    Integer httpsPort;

    @Mixin
    HttpsKeyFiles httpsKeys;

    @Option(names = "--portal-url", paramLabel = "URL",
            description = "A central portal to connect to (http(s)://HOST:PORT): it shows and manages this device; "
                    + "the device keeps working without it. Several portal processes on one database: list them "
                    + "comma-separated; a lost link tries the next.")
    String portalUrl;

    @Option(names = "--enrolment-token", paramLabel = "TOKEN",
            description = "One-time token from the portal's administrator, exchanged on first connection for this "
                    + "device's own credential (kept in --data-dir).")
    String enrolmentToken;

    @Option(names = "--portal-ca", paramLabel = "FILE",
            description = "CA certificate(s), PEM, that the central portal's HTTPS certificate must chain to "
                    + "(its host name is checked too). Default: the JVM's trust store.")
    Path portalCa;

    @Option(names = "--simulate", paramLabel = "N", defaultValue = "0",
            description = "Load test: run N simulated doors (no SIP, media or hardware; ids ID-0001…, settings from "
                    + "--config) linked to --portal-url, enrolled with tokens of the portal user INTERCOM_PORTAL_USER "
                    + "(default admin) / INTERCOM_PORTAL_PASSWORD.")
    int simulate;

    @Option(names = "--simulate-events", paramLabel = "PER_SECOND", defaultValue = "0",
            description = "With --simulate: events per second recorded across the simulated doors. Default: 0.")
    double simulateEvents;

    @Mixin
    AudioOptions audio;

    @Mixin
    rock.intercom.app.ops.OperationsOptions operations;

    /** picocli's "Invalid value for option '--button'" carries the parser's reason. */
    static final class ButtonSourceConverter implements picocli.CommandLine.ITypeConverter<ButtonSource> {
        @Override
        public ButtonSource convert(String value) {
            try {
                return ButtonSource.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        if (simulate > 0) {
            return simulateDoors();
        }
        DoorWiring door = checked("--door-relay", () -> new DoorWiring(button, doorRelay));
        checked("--syslog", operations::syslogTarget);
        VideoSetup video = checked("--camera", () -> VideoSetup.of(camera));
        HttpsWiring https = checked(null, () -> new HttpsWiring(httpsPort, httpsKeys.cert, httpsKeys.key));
        DeviceOptions options = new DeviceOptions(config, dataDir, httpHost, httpPort, sipPort, audio.setup(),
                eventsUrl, door, video, https);
        if (enrolmentToken != null && portalUrl == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--enrolment-token needs --portal-url");
        }
        DeviceRuntime device = DeviceRuntime.open(options, operations, System.getenv(), System.out);
        AutoCloseable link;
        try {
            link = portalUrl == null ? () -> { }
                    : rock.intercom.fleet.agent.FleetAgent.start(device.device(), device.events(), dataDir, portalUrl,
                            enrolmentToken, System.out, rock.intercom.fleet.agent.LinkResources.single(portalTrust()));
        } catch (RuntimeException | java.io.IOException e) {
            device.close();
            throw e;
        }
        // Under systemd (Type=notify): ready once SIP, the call thread and HTTP are up; the watchdog
        // is fed while the call thread and the SIP agent answer.
        Optional<SystemdNotify> systemd = SystemdNotify.fromEnvironment(System.getenv());
        Optional<ServiceWatchdog> watchdog = systemd.flatMap(notify -> ServiceWatchdog.start(notify, System.getenv(),
                ProcessHandle.current().pid(), device.liveness()));
        UntilStopped stopped = UntilStopped.onShutdown("intercom-shutdown", () -> {
            systemd.ifPresent(notify -> notify.send("STOPPING=1"));
            watchdog.ifPresent(ServiceWatchdog::close);
            UntilStopped.closeTelling(link, "closing the portal link");
            device.close();
        });
        systemd.ifPresent(notify -> notify.send("READY=1\nSTATUS=device " + device.deviceId() + ", HTTP port "
                + device.httpPort() + ", SIP port " + device.sipPort()));
        System.out.printf("Rock Intercom device %s (%s): API http://%s:%d/api/v1, portal http://%s:%d/%n",
                device.deviceId(), device.deviceName(), displayHost(), device.httpPort(), displayHost(),
                device.httpPort());
        if (device.httpsPort() > 0) {
            System.out.printf("Portal over HTTPS: https://%s:%d/ (plain HTTP redirects there)%n", displayHost(),
                    device.httpsPort());
        }
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** The --portal-ca file's certificates, or null for the JVM's trust store. */
    private javax.net.ssl.SSLContext portalTrust() {
        return checked(null, () -> portalCa == null ? null : rock.intercom.fleet.agent.PortalTrust.fromPem(portalCa));
    }

    /**
     * What {@code build} makes of the flags; its refusal (IllegalArgumentException) becomes picocli's
     * usage error, about {@code option}, or as it stands when null (the reason names its flags).
     */
    private <T> T checked(String option, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            String about = option == null ? "" : "Invalid value for option '" + option + "': ";
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), about + e.getMessage());
        }
    }

    private int simulateDoors() throws Exception {
        if (portalUrl == null || simulate > 10_000) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--simulate needs --portal-url and at most 10000 doors");
        }
        rock.intercom.settings.DeviceSettings template = new rock.intercom.settings.SettingsFile(config,
                new rock.intercom.settings.SettingsCodec(), new rock.intercom.settings.SettingsValidator()).load();
        AutoCloseable doors = rock.intercom.fleet.simulate.FleetSimulator.start(template, simulate, dataDir, portalUrl,
                System.getenv().getOrDefault("INTERCOM_PORTAL_USER", "admin"),
                System.getenv().getOrDefault("INTERCOM_PORTAL_PASSWORD", ""), simulateEvents, portalTrust(), System.out);
        UntilStopped.onShutdown("intercom-shutdown", () -> UntilStopped.closeTelling(doors, "stopping the simulated doors"))
                .await();
        return 0;
    }

    private String displayHost() {
        return httpHost.equals("0.0.0.0") ? "127.0.0.1" : httpHost;
    }
}
