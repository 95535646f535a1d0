package rock.intercom.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

/**
 * The demo's parts, started together on 127.0.0.1 and closed together: the demo PBX, door RockX-505
 * and the guard desk page (its controls: hang up, call the door…).
 */
public record DemoSystem(DemoPbx pbx, DeviceRuntime device, GuardDeskPage guardDeskPage) implements AutoCloseable {

    /** The door's extension at the demo PBX. */
    static final String DOOR = "505";
    /** An extension of the demo PBX that the door does not allow to call it (its calls: Call Rejected). */
    static final String UNKNOWN_CALLER = "401";

    /** The demo's door release code; a real site sets its own (door.release.dtmfCode). */
    static final String DEMO_DOOR_CODE = "1234";

    /** Same as the full {@code start} with the guard desk page on a free port. */
    public static DemoSystem start(Path dataDir, int httpPort, int sipPort, int pbxPort, AudioSetup audio,
            Map<String, String> env, PrintStream announce) throws IOException {
        return start(dataDir, httpPort, sipPort, pbxPort, 0, audio, env, announce);
    }

    /**
     * Starts the PBX, the door and the guard desk page. The door's SIP password and the PBX's port
     * are kept in the data dir ({@link DemoPbxState}), so every start writes the same door config
     * and the settings saved from the portal stay in force; only another {@code pbxPort} than the
     * kept one changes the config, and so starts the settings afresh.
     */
    public static DemoSystem start(Path dataDir, int httpPort, int sipPort, int pbxPort, int deskPort,
            AudioSetup audio, Map<String, String> env, PrintStream announce) throws IOException {
        Files.createDirectories(dataDir);
        Optional<DemoPbxState> kept = DemoPbxState.load(dataDir);
        DemoPbxState state = kept.orElseGet(DemoPbxState::fresh);
        int port = pbxPort != 0 ? pbxPort : state.pbxPort();
        DemoPbx pbx;
        try {
            pbx = DemoPbx.start(DemoPbxOptions.of(port, Map.of("505", state.devicePassword())));
        } catch (IOException e) {
            throw kept.isPresent() && pbxPort == 0 ? new IOException("the demo PBX's port " + port + " (kept in "
                    + dataDir.resolve(DemoPbxState.FILE) + ") is in use — is another demo running on this data dir? "
                    + "Stop it, or choose --pbx-port (which starts the demo's settings afresh)", e) : e;
        }
        GuardDeskPage page = null;
        try {
            new DemoPbxState(state.devicePassword(), pbx.port()).save(dataDir);
            Path config = dataDir.resolve("demo-device.yaml");
            Files.writeString(config, new SettingsCodec().writeYaml(demoDevice(pbx, state.devicePassword())));
            DemoPbxState.ownerOnly(config); // it holds the door's kept SIP password
            // No strike on a laptop: a file stands in for the relay's sysfs value (1 while the door is open).
            Path relay = dataDir.resolve("door-relay");
            if (!Files.exists(relay)) {
                Files.writeString(relay, "0");
            }
            page = GuardDeskPage.start(pbx, deskPort, DOOR, UNKNOWN_CALLER);
            DeviceRuntime device = DeviceRuntime.open(new DeviceOptions(config, dataDir, "127.0.0.1", httpPort, sipPort,
                    audio, null, new DoorWiring(null, "sysfs:" + relay.toAbsolutePath())), env, announce);
            announce.println("Door relay: " + relay.toAbsolutePath() + " (a file standing in for the strike's GPIO; "
                    + "\"Open door\" on the device page, or DTMF " + DEMO_DOOR_CODE + " from the guard's phone, pulses it)");
            return new DemoSystem(pbx, device, page);
        } catch (RuntimeException | IOException e) {
            if (page != null) {
                page.close();
            }
            pbx.close();
            throw e;
        }
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
                        // Video both ways: the door sends its --camera (the test pattern by default), the desk its own.
                        new CallOptions(80, 70, 30, VideoCalls.BOTH),
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
        guardDeskPage.close();
        device.close();
        pbx.close();
    }
}
