package rock.intercom.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import rock.intercom.app.DeviceOptions;
import rock.intercom.app.DeviceRuntime;
import rock.intercom.app.audio.AudioSetup;
import rock.intercom.app.door.DoorWiring;
import rock.intercom.settings.CallOptions;
import rock.intercom.settings.DoorRelease;
import rock.intercom.settings.DoorSettings;
import rock.intercom.settings.ReleaseDuring;
import rock.intercom.settings.ToneRegion;
import rock.intercom.settings.Device;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.Encryption;
import rock.intercom.settings.Identity;
import rock.intercom.settings.IncomingCalls;
import rock.intercom.settings.Proxy;
import rock.intercom.settings.SettingsCodec;
import rock.intercom.settings.SipServer;
import rock.intercom.settings.SipSettings;
import rock.intercom.settings.Transport;
import rock.intercom.settings.VideoCalls;

/** The demo's parts, started together on 127.0.0.1 and closed together: the demo PBX and door RockX-505. */
public final class DemoSystem implements AutoCloseable {

    private final DemoPbx pbx;
    private final DeviceRuntime device;

    private DemoSystem(DemoPbx pbx, DeviceRuntime device) {
        this.pbx = pbx;
        this.device = device;
    }

    /** The demo's door release code; a real site sets its own (door.release.dtmfCode). */
    static final String DEMO_DOOR_CODE = "1234";

    /** The door gets a fresh random SIP password each run; only the PBX and its settings file know it. */
    public static DemoSystem start(Path dataDir, int httpPort, int sipPort, int pbxPort, AudioSetup audio,
            Map<String, String> env, PrintStream announce) throws IOException {
        String devicePassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        DemoPbx pbx = DemoPbx.start(DemoPbxOptions.of(pbxPort, Map.of("505", devicePassword)));
        try {
            Files.createDirectories(dataDir);
            Path config = dataDir.resolve("demo-device.yaml");
            Files.writeString(config, new SettingsCodec().writeYaml(demoDevice(pbx, devicePassword)));
            // No strike on a laptop: a file stands in for the relay's sysfs value (1 while the door is open).
            Path relay = dataDir.resolve("door-relay");
            if (!Files.exists(relay)) {
                Files.writeString(relay, "0");
            }
            DeviceRuntime device = DeviceRuntime.open(new DeviceOptions(config, dataDir, "127.0.0.1", httpPort, sipPort,
                    audio, null, new DoorWiring(null, "sysfs:" + relay.toAbsolutePath())), env, announce);
            announce.println("Door relay: " + relay.toAbsolutePath() + " (a file standing in for the strike's GPIO; "
                    + "\"Open door\" on the device page, or DTMF " + DEMO_DOOR_CODE + " from the guard's phone, pulses it)");
            return new DemoSystem(pbx, device);
        } catch (RuntimeException | IOException e) {
            pbx.close();
            throw e;
        }
    }

    public DemoPbx pbx() {
        return pbx;
    }

    public DeviceRuntime device() {
        return device;
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
                        // No mode chosen: the guide's default applies (extension list), and the
                        // portal's v3.6.3 custom parameter can still hand the choice to the server.
                        new IncomingCalls(true, null,
                                List.of("sip:" + DemoPbxOptions.GUARD_DESK + "@" + server)),
                        new Proxy(false, null, 5060, null, null)),
                Map.of(),
                new DoorSettings(new DoorRelease(true, DEMO_DOOR_CODE, 3,
                        List.of(ReleaseDuring.INCOMING, ReleaseDuring.OUTGOING)), ToneRegion.EUROPE));
    }
    @Override
    public void close() {
        device.close();
        pbx.close();
    }
}
