package rock.intercom.sip;

import java.time.Duration;
import rock.intercom.settings.Identity;
import rock.intercom.settings.Proxy;
import rock.intercom.settings.SipServer;
import rock.intercom.settings.Transport;

/**
 * The part of the settings that one registration binding depends on. Any change to it means
 * unregistering the old binding and registering a new one (issue 3: settings apply live).
 */
record BindingPlan(SipServer server, Identity identity, Proxy proxy) {

    static final int DEFAULT_POLLING_SECONDS = 30;

    Transport transport() {
        return server.transport() == null ? Transport.UDP : server.transport();
    }

    boolean viaProxy() {
        return proxy != null && proxy.enabled() && proxy.address() != null && !proxy.address().isBlank();
    }

    /** "host:port" of the registrar as shown in the status. */
    String serverLabel() {
        return server.address() + ":" + server.effectivePort();
    }

    Duration pollingInterval() {
        Integer seconds = server.pollingIntervalSeconds();
        return Duration.ofSeconds(seconds == null || seconds <= 0 ? DEFAULT_POLLING_SECONDS : seconds);
    }
}
