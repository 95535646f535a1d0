package rock.intercom.sip;

import java.time.Instant;
import rock.intercom.settings.Transport;

/** A change of registration worth a device event: the guide-side events "Registered" and "Registration Lost". */
public sealed interface RegistrationChange {

    Instant at();

    /** The server accepted the device's binding (fired on entering REGISTERED, not on each refresh). */
    record Registered(Instant at, String server, Transport transport) implements RegistrationChange {
    }

    /** A binding the device held is gone: server offline, refused, settings changed or SIP disabled. */
    record RegistrationLost(Instant at, String server, String reason) implements RegistrationChange {
    }
}
