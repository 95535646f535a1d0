package rock.intercom.call;

import java.util.Objects;

/** Names one timer of one call; {@code callId} is empty for timers not tied to a call. */
public record TimerId(TimerKind kind, String callId) {

    public TimerId {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(callId, "callId");
    }
}
