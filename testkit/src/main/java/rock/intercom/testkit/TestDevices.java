package rock.intercom.testkit;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import rock.intercom.settings.CallOptions;
import rock.intercom.settings.Device;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.Encryption;
import rock.intercom.settings.Identity;
import rock.intercom.settings.IncomingCallMode;
import rock.intercom.settings.IncomingCalls;
import rock.intercom.settings.Proxy;
import rock.intercom.settings.SipServer;
import rock.intercom.settings.SipSettings;
import rock.intercom.settings.Transport;
import rock.intercom.settings.VideoCalls;

/**
 * The one settings fixture: door "door-1" (Front door) as the tests of each module need it. Three
 * doors: a {@linkplain #standard remote} one (extension 100 at 10.0.0.5 via proxy 10.0.0.9, for the
 * pure call logic), a {@linkplain #registering registering} one (extension {@value #REGISTERING_EXTENSION})
 * and a {@linkplain #local local} one (extension {@value #LOCAL_EXTENSION} on a server at 127.0.0.1),
 * plus edits of any settings. Settings are immutable records, so every method returns a new one.
 */
public final class TestDevices {

    /** The remote door's registrar. */
    public static final String SERVER = "10.0.0.5";
    /** The remote door's outbound proxy. */
    public static final String PROXY = "10.0.0.9";
    public static final String REGISTERING_EXTENSION = "1001";
    public static final String REGISTERING_PASSWORD = "door-secret-1";
    public static final String LOCAL_EXTENSION = "100";
    public static final String LOCAL_PASSWORD = "door-secret-100";

    private static final Device DOOR = new Device("door-1", "Front door");

    private TestDevices() {
    }

    /** Remote door calling 400, fallbacks 401 and 402, call timeout 30 s; incoming from 200 allowed. */
    public static DeviceSettings standard() {
        return outgoing("400", List.of("401", "402"), 30);
    }

    /** Remote door with the given call number, fallbacks and call timeout; incoming from 200 allowed. */
    public static DeviceSettings outgoing(String callNumber, List<String> fallbacks, int timeoutSeconds) {
        return build(callNumber, fallbacks, timeoutSeconds,
                new IncomingCalls(true, IncomingCallMode.EXTENSION_LIST, List.of("sip:200@10.0.0.5")), Map.of(), true);
    }

    /** Remote door calling 400 with the given incoming-call settings and custom configuration. */
    public static DeviceSettings incoming(IncomingCalls incoming, Map<String, String> custom) {
        return build("400", List.of(), 30, incoming, custom, true);
    }

    /** Remote door with SIP switched off. */
    public static DeviceSettings sipDisabled() {
        return build("400", List.of(), 30, new IncomingCalls(true, null, List.of()), Map.of(), false);
    }

    /** Remote door: door100/secret at 10.0.0.5:5060 over UDP, best-effort SRTP, volumes 80, proxy 10.0.0.9:5070. */
    public static DeviceSettings build(String callNumber, List<String> fallbacks, int timeoutSeconds,
            IncomingCalls incoming, Map<String, String> custom, boolean enabled) {
        var sip = new SipSettings(enabled,
                new SipServer(SERVER, 5060, Transport.UDP, 60, null),
                Encryption.RTP_OPTIONAL_SRTP,
                new Identity("door100", "secret", "Front door", "100"),
                callNumber, fallbacks,
                new CallOptions(80, 80, timeoutSeconds, VideoCalls.OFF),
                incoming,
                new Proxy(true, PROXY, 5070, null, null));
        return new DeviceSettings(DOOR, sip, custom);
    }

    /** Registering door at {@code server} calling 2000, everything else left to the defaults. */
    public static DeviceSettings registering(SipServer server, Identity identity, Proxy proxy) {
        SipSettings sip = new SipSettings(true, server, null, identity, "2000", List.of(), null, null, proxy);
        return new DeviceSettings(DOOR, sip, Map.of());
    }

    /** Registering door with password {@value #REGISTERING_PASSWORD} and no proxy. */
    public static DeviceSettings registering(SipServer server) {
        return registering(server, identity(REGISTERING_PASSWORD), null);
    }

    /** Extension {@value #REGISTERING_EXTENSION} (also its auth user) with the given password. */
    public static Identity identity(String password) {
        return new Identity(REGISTERING_EXTENSION, password, "Front Door", REGISTERING_EXTENSION);
    }

    public static SipServer server(String address, int port, Transport transport, int pollingSeconds, String caPem) {
        return new SipServer(address, port, transport, pollingSeconds, caPem);
    }

    /** Local door: extension {@value #LOCAL_EXTENSION} on the server at 127.0.0.1:{@code serverPort}, calling 2001. */
    public static DeviceSettings local(int serverPort, Transport transport, String password) {
        SipSettings sip = new SipSettings(true, new SipServer("127.0.0.1", serverPort, transport, 30, null), null,
                new Identity(LOCAL_EXTENSION, password, "Front Door", LOCAL_EXTENSION), "2001", List.of(), null,
                null, null);
        return new DeviceSettings(DOOR, sip, Map.of());
    }

    /** Local door over UDP for the audio tests: media {@code encryption}, volumes, call timeout 35 s, custom configuration. */
    public static DeviceSettings audio(Encryption encryption, int microphoneVolume, int speakerVolume, int serverPort,
            Map<String, String> custom) {
        DeviceSettings local = local(serverPort, Transport.UDP, LOCAL_PASSWORD);
        SipSettings s = local.sip();
        return new DeviceSettings(DOOR, new SipSettings(s.enabled(), s.server(), encryption, s.identity(),
                s.callNumber(), s.fallbackNumbers(), new CallOptions(microphoneVolume, speakerVolume, 35,
                VideoCalls.OFF), s.incomingCalls(), s.proxy()), custom);
    }

    /** {@link #audio} at full volume against port 5060. */
    public static DeviceSettings audio(Encryption encryption) {
        return audio(encryption, 100, 100, 5060, Map.of());
    }

    /** The same settings with SIP switched off (and no custom configuration). */
    public static DeviceSettings disabled(DeviceSettings settings) {
        SipSettings s = settings.sip();
        return new DeviceSettings(settings.device(), new SipSettings(false, s.server(), s.encryption(), s.identity(),
                s.callNumber(), s.fallbackNumbers(), s.callOptions(), s.incomingCalls(), s.proxy()), Map.of());
    }

    /** The same settings under another extension (also the auth user). */
    public static DeviceSettings withExtension(DeviceSettings settings, String extension) {
        return withIdentity(settings, identity -> new Identity(extension, identity.authPassword(),
                identity.displayName(), extension));
    }

    public static DeviceSettings withProxy(DeviceSettings settings, Proxy proxy) {
        SipSettings s = settings.sip();
        return new DeviceSettings(settings.device(), new SipSettings(s.enabled(), s.server(), s.encryption(),
                s.identity(), s.callNumber(), s.fallbackNumbers(), s.callOptions(), s.incomingCalls(), proxy),
                settings.customConfiguration());
    }

    /** The same settings accepting incoming calls in {@code mode} from {@code allowedCallers}. */
    public static DeviceSettings withIncoming(DeviceSettings settings, IncomingCallMode mode,
            List<String> allowedCallers) {
        return withIncoming(settings, new IncomingCalls(true, mode, allowedCallers));
    }

    /** The same incoming-call settings, with {@code acceptDirectCalls} on: callers may skip the server. */
    public static DeviceSettings withDirectCalls(DeviceSettings settings) {
        IncomingCalls in = settings.sip().incomingCalls();
        return withIncoming(settings, new IncomingCalls(in.allow(), in.mode(), in.allowedCallers(), true));
    }

    private static DeviceSettings withIncoming(DeviceSettings settings, IncomingCalls incoming) {
        SipSettings s = settings.sip();
        return new DeviceSettings(settings.device(), new SipSettings(s.enabled(), s.server(), s.encryption(),
                s.identity(), s.callNumber(), s.fallbackNumbers(), s.callOptions(), incoming, s.proxy()),
                settings.customConfiguration(), settings.door());
    }

    private static DeviceSettings withIdentity(DeviceSettings settings, UnaryOperator<Identity> change) {
        SipSettings s = settings.sip();
        return new DeviceSettings(settings.device(), new SipSettings(s.enabled(), s.server(), s.encryption(),
                change.apply(s.identity()), s.callNumber(), s.fallbackNumbers(), s.callOptions(), s.incomingCalls(),
                s.proxy()), settings.customConfiguration());
    }
}
