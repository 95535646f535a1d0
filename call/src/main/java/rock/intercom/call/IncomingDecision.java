package rock.intercom.call;

import java.util.Objects;

/** What {@link IncomingCallPolicy} decided about an incoming INVITE. Immutable. */
public sealed interface IncomingDecision {

    /** The call may be answered; {@code caller} is the identity that was checked. */
    record Allow(String caller) implements IncomingDecision {
        public Allow {
            Objects.requireNonNull(caller, "caller");
        }
    }

    /** Refuse with this SIP final response; {@code reason} goes into the {@code Call Rejected} event. */
    record Refuse(int sipStatus, String sipReasonPhrase, String reason) implements IncomingDecision {
        public Refuse {
            Objects.requireNonNull(sipReasonPhrase, "sipReasonPhrase");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
