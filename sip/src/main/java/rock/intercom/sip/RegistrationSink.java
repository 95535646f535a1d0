package rock.intercom.sip;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a {@link RegistrationClient} and its {@link KeepaliveWatcher} report; implemented by the
 * agent, called on the agent thread.
 */
interface RegistrationSink {

    void registered(Instant at);

    void keepaliveAnswered(Duration roundTrip);

    /** The binding is gone or was refused: {@code state} is UNREGISTERED (offline) or FAILED. */
    void offline(RegistrationState state, String reason);
}
