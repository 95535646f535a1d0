package rock.intercom.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import rock.intercom.app.audio.AudioOptions;
import rock.intercom.demo.DemoPbx;
import rock.intercom.demo.DemoPbxOptions;
import rock.intercom.settings.CallOptions;
import rock.intercom.settings.Device;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.Encryption;
import rock.intercom.settings.Identity;
import rock.intercom.settings.IncomingCallMode;
import rock.intercom.settings.IncomingCalls;
import rock.intercom.settings.Proxy;
import rock.intercom.settings.SettingsCodec;
import rock.intercom.settings.SipServer;
import rock.intercom.settings.SipSettings;
import rock.intercom.settings.Transport;
import rock.intercom.settings.VideoCalls;

/**
 * {@code ./intercom demo}: the whole product on one machine, on 127.0.0.1 only — the portal, one
 * door device (RockX-505) and the built-in demo PBX whose guard desk (400) answers with a tone.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a demo on 127.0.0.1: the Admin Portal, door device RockX-505 and a demo PBX "
                + "whose guard desk (extension 400) answers and plays a tone.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--http-port", defaultValue = "8080", paramLabel = "PORT",
            description = "HTTP port of the portal and API (0 picks a free port). Default: ${DEFAULT-VALUE}.")
    int httpPort;

    @Option(names = "--data-dir", defaultValue = "data/demo", paramLabel = "DIR",
            description = "Where the demo keeps its settings, events and users. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--sip-port", defaultValue = "0", paramLabel = "PORT",
            description = "The door device's SIP port (0 picks a free port). Default: ${DEFAULT-VALUE}.")
    int sipPort;

    @Option(names = "--pbx-port", defaultValue = "0", paramLabel = "PORT",
            description = "The demo PBX's SIP port, UDP and TCP (0 picks a free port). Default: ${DEFAULT-VALUE}.")
    int pbxPort;

    @Mixin
    AudioOptions audio;

    @Override
    public Integer call() throws Exception {
        String devicePassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        DemoPbx pbx = DemoPbx.start(DemoPbxOptions.of(pbxPort, Map.of("505", devicePassword)));
        DeviceRuntime device;
        try {
            Files.createDirectories(dataDir);
            Path config = dataDir.resolve("demo-device.yaml");
            Files.writeString(config, new SettingsCodec().writeYaml(demoDevice(pbx, devicePassword)));
            device = DeviceRuntime.open(new DeviceOptions(config, dataDir, "127.0.0.1", httpPort, sipPort, audio.setup()),
                    System.getenv(), System.out);
        } catch (RuntimeException | java.io.IOException e) {
            pbx.close();
            throw e;
        }
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            device.close();
            pbx.close();
            closed.countDown();
        }, "intercom-demo-shutdown"));
        System.out.printf("%nRock Intercom demo%n"
                + "  Admin Portal:  http://127.0.0.1:%d/  (user admin; password above, or INTERCOM_ADMIN_PASSWORD)%n"
                + "  Door device:   %s, extension 505, SIP port %d%n"
                + "  Demo PBX:      sip:127.0.0.1:%d (UDP/TCP) — guard desk 400 answers and plays a tone%n"
                + "Press the virtual call button on the device page, then open Security Events. Ctrl-C stops.%n",
                device.httpPort(), device.deviceName(), device.sipPort(), pbx.port());
        System.out.flush();
        closed.await();
        return 0;
    }

    /** The demo door: registered to the demo PBX over UDP, calling the guard desk. */
    static DeviceSettings demoDevice(DemoPbx pbx, String password) {
        String server = "127.0.0.1";
        return new DeviceSettings(
                new Device("rockx-505", "RockX-505"),
                new SipSettings(true,
                        new SipServer(server, pbx.port(), Transport.UDP, 30, null),
                        Encryption.RTP_OPTIONAL_SRTP,
                        new Identity("505", password, "RockX-505", "505"),
                        DemoPbxOptions.GUARD_DESK,
                        List.of(),
                        new CallOptions(80, 70, 30, VideoCalls.OFF),
                        new IncomingCalls(true, IncomingCallMode.EXTENSION_LIST,
                                List.of("sip:" + DemoPbxOptions.GUARD_DESK + "@" + server)),
                        new Proxy(false, null, 5060, null, null)),
                Map.of());
    }
}
