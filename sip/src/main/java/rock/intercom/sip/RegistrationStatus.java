package rock.intercom.sip;

import java.time.Duration;
import java.time.Instant;
import rock.intercom.settings.Transport;

/**
 * A snapshot of the registration shown in the device status: state, the server ("host:port") and
 * transport in use, the time of the last successful REGISTER, the round trip of the last keepalive
 * and the reason of the last failure. Fields other than {@code state} may be null.
 */
public record RegistrationStatus(
        RegistrationState state,
        String server,
        Transport transport,
        Instant lastSuccess,
        Duration lastKeepaliveRtt,
        String lastFailureReason) {

    /** The status of an agent with SIP switched off. */
    public static RegistrationStatus disabled() {
        return new RegistrationStatus(RegistrationState.DISABLED, null, null, null, null, null);
    }

    RegistrationStatus withState(RegistrationState newState) {
        return new RegistrationStatus(newState, server, transport, lastSuccess, lastKeepaliveRtt, lastFailureReason);
    }

    RegistrationStatus registeredAt(Instant at) {
        return new RegistrationStatus(RegistrationState.REGISTERED, server, transport, at, lastKeepaliveRtt,
                lastFailureReason);
    }

    RegistrationStatus failed(RegistrationState newState, String reason) {
        return new RegistrationStatus(newState, server, transport, lastSuccess, lastKeepaliveRtt, reason);
    }

    RegistrationStatus withKeepaliveRtt(Duration rtt) {
        return new RegistrationStatus(state, server, transport, lastSuccess, rtt, lastFailureReason);
    }
}
