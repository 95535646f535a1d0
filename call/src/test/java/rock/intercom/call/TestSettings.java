package rock.intercom.call;

import java.util.List;
import java.util.Map;
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

/** Settings documents for the tests: server 10.0.0.5:5060, extension 100, proxy 10.0.0.9:5070. */
final class TestSettings {

    static final String SERVER = "10.0.0.5";
    static final String PROXY = "10.0.0.9";

    private TestSettings() {
    }

    /** Outgoing: call number 400, fallbacks 401 and 402, call timeout 30 s; incoming from 200 allowed. */
    static DeviceSettings standard() {
        return outgoing("400", List.of("401", "402"), 30);
    }

    static DeviceSettings outgoing(String callNumber, List<String> fallbacks, int timeoutSeconds) {
        return build(callNumber, fallbacks, timeoutSeconds,
                new IncomingCalls(true, IncomingCallMode.EXTENSION_LIST, List.of("sip:200@10.0.0.5")), Map.of(), true);
    }

    static DeviceSettings incoming(IncomingCalls incoming, Map<String, String> custom) {
        return build("400", List.of(), 30, incoming, custom, true);
    }

    static DeviceSettings sipDisabled() {
        return build("400", List.of(), 30, new IncomingCalls(true, null, List.of()), Map.of(), false);
    }

    static DeviceSettings build(String callNumber, List<String> fallbacks, int timeoutSeconds, IncomingCalls incoming,
            Map<String, String> custom, boolean enabled) {
        var sip = new SipSettings(enabled,
                new SipServer(SERVER, 5060, Transport.UDP, 60, null),
                Encryption.RTP_OPTIONAL_SRTP,
                new Identity("door100", "secret", "Front door", "100"),
                callNumber, fallbacks,
                new CallOptions(80, 80, timeoutSeconds, VideoCalls.OFF),
                incoming,
                new Proxy(true, PROXY, 5070, null, null));
        return new DeviceSettings(new Device("door-1", "Front door"), sip, custom);
    }
}
