package rock.intercom.call;

import java.util.Objects;

/**
 * One SIP call of the door: its Call-ID, direction, the peer (number dialled, or caller URI) and
 * which attempt of how many it is (incoming calls are attempt 1 of 1).
 */
public record CallLeg(String callId, CallDirection direction, String peer, int attempt, int of) {

    public CallLeg {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(peer, "peer");
    }
}
