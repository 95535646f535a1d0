package rock.intercom.call;

import java.util.UUID;

/**
 * Makes the SIP Call-ID of each outgoing attempt (RFC 3261 §8.1.1.4: globally unique). The call
 * logic picks it so that every event can carry it before the INVITE leaves.
 */
@FunctionalInterface
public interface CallIdGenerator {

    String next();

    /** Random UUIDs, e.g. {@code 3f1c…@rock-intercom}. */
    static CallIdGenerator random() {
        return () -> UUID.randomUUID() + "@rock-intercom";
    }
}
