package rock.intercom.sip.call;

import java.util.List;
import java.util.Map;
import rock.intercom.settings.Device;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.Identity;
import rock.intercom.settings.IncomingCallMode;
import rock.intercom.settings.IncomingCalls;
import rock.intercom.settings.Proxy;
import rock.intercom.settings.SipServer;
import rock.intercom.settings.SipSettings;
import rock.intercom.settings.Transport;

/** Device settings for the call tests: extension 100 on the local test server. */
final class CallTestSettings {

    static final String EXTENSION = "100";
    static final String PASSWORD = "door-secret-100";

    private CallTestSettings() {
    }

    static DeviceSettings device(int serverPort, Transport transport, String password) {
        SipSettings sip = new SipSettings(true, new SipServer("127.0.0.1", serverPort, transport, 30, null), null,
                new Identity(EXTENSION, password, "Front Door", EXTENSION), "2001", List.of(), null,
                null, null);
        return new DeviceSettings(new Device("door-1", "Front door"), sip, Map.of());
    }

    static DeviceSettings withExtension(DeviceSettings settings, String extension) {
        SipSettings s = settings.sip();
        Identity identity = new Identity(extension, s.identity().authPassword(), s.identity().displayName(), extension);
        return new DeviceSettings(settings.device(), new SipSettings(s.enabled(), s.server(), s.encryption(), identity,
                s.callNumber(), s.fallbackNumbers(), s.callOptions(), s.incomingCalls(), s.proxy()),
                settings.customConfiguration());
    }

    static DeviceSettings withProxy(DeviceSettings settings, Proxy proxy) {
        SipSettings s = settings.sip();
        return new DeviceSettings(settings.device(), new SipSettings(s.enabled(), s.server(), s.encryption(),
                s.identity(), s.callNumber(), s.fallbackNumbers(), s.callOptions(), s.incomingCalls(), proxy),
                settings.customConfiguration());
    }

    static DeviceSettings withIncoming(DeviceSettings settings, IncomingCallMode mode, List<String> allowedCallers) {
        return withIncoming(settings, new IncomingCalls(true, mode, allowedCallers));
    }

    /** The same incoming-call settings, with {@code acceptDirectCalls} on: callers may skip the server. */
    static DeviceSettings withDirectCalls(DeviceSettings settings) {
        IncomingCalls in = settings.sip().incomingCalls();
        return withIncoming(settings, new IncomingCalls(in.allow(), in.mode(), in.allowedCallers(), true));
    }

    private static DeviceSettings withIncoming(DeviceSettings settings, IncomingCalls incoming) {
        SipSettings s = settings.sip();
        return new DeviceSettings(settings.device(), new SipSettings(s.enabled(), s.server(), s.encryption(),
                s.identity(), s.callNumber(), s.fallbackNumbers(), s.callOptions(), incoming, s.proxy()),
                settings.customConfiguration());
    }
}
