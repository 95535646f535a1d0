package rock.intercom.sip;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import rock.intercom.settings.Device;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.Identity;
import rock.intercom.settings.Proxy;
import rock.intercom.settings.SipServer;
import rock.intercom.settings.SipSettings;
import rock.intercom.settings.Transport;

/** Builds device settings and fast agent options for the registration tests. */
final class TestSettings {

    static final String EXTENSION = "1001";
    static final String PASSWORD = "door-secret-1";

    private TestSettings() {
    }

    static DeviceSettings device(SipServer server, Identity identity, Proxy proxy) {
        SipSettings sip = new SipSettings(true, server, null, identity, "2000", List.of(), null, null, proxy);
        return new DeviceSettings(new Device("door-1", "Front door"), sip, Map.of());
    }

    static DeviceSettings device(SipServer server) {
        return device(server, identity(PASSWORD), null);
    }

    static DeviceSettings disabled(DeviceSettings settings) {
        SipSettings s = settings.sip();
        return new DeviceSettings(settings.device(), new SipSettings(false, s.server(), s.encryption(), s.identity(),
                s.callNumber(), s.fallbackNumbers(), s.callOptions(), s.incomingCalls(), s.proxy()), Map.of());
    }

    static Identity identity(String password) {
        return new Identity(EXTENSION, password, "Front Door", EXTENSION);
    }

    static SipServer server(String address, int port, Transport transport, int pollingSeconds, String caPem) {
        return new SipServer(address, port, transport, pollingSeconds, caPem);
    }

    /** Production timings except a quick first retry after a refusal, so tests can see it within seconds. */
    static SipAgentOptions fastOptions() {
        return new SipAgentOptions(0, Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(30),
                Duration.ofMinutes(30), Duration.ofSeconds(600));
    }
}
