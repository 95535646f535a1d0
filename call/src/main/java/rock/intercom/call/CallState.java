package rock.intercom.call;

import java.util.Objects;

/**
 * The door's one call state: exactly one of these, no parallel flags. {@link Idle} and
 * {@link Failed} accept a new call; every other state is busy. Immutable.
 */
public sealed interface CallState {

    /** What the screen shows in this state. */
    ScreenState screen();

    /** The call this state is about, or null when there is none. */
    CallLeg leg();

    /** True when a new call may start (button, or an allowed incoming INVITE). */
    default boolean isFree() {
        return leg() == null;
    }

    /** No call. */
    record Idle() implements CallState {
        @Override
        public ScreenState screen() {
            return ScreenState.IDLE;
        }

        @Override
        public CallLeg leg() {
            return null;
        }
    }

    /** Our INVITE is out, no provisional response yet. */
    record Dialing(CallLeg leg, DialPlan plan) implements CallState {
        public Dialing {
            Objects.requireNonNull(leg, "leg");
            Objects.requireNonNull(plan, "plan");
        }

        @Override
        public ScreenState screen() {
            return new ScreenState(ScreenKind.DIALING, leg.peer());
        }
    }

    /** The called station rings (180/183 received). */
    record Ringing(CallLeg leg, DialPlan plan) implements CallState {
        public Ringing {
            Objects.requireNonNull(leg, "leg");
            Objects.requireNonNull(plan, "plan");
        }

        @Override
        public ScreenState screen() {
            return new ScreenState(ScreenKind.RINGING, leg.peer());
        }
    }

    /**
     * The called station rings and its early media (RFC 3960) plays at the speaker instead of
     * our ringback; the media started here goes on when the call is answered.
     */
    record EarlyMedia(CallLeg leg, DialPlan plan) implements CallState {
        public EarlyMedia {
            Objects.requireNonNull(leg, "leg");
            Objects.requireNonNull(plan, "plan");
        }

        @Override
        public ScreenState screen() {
            return new ScreenState(ScreenKind.RINGING, leg.peer());
        }
    }

    /** An allowed incoming call waits for its auto-answer delay. */
    record IncomingRinging(CallLeg leg) implements CallState {
        public IncomingRinging {
            Objects.requireNonNull(leg, "leg");
        }

        @Override
        public ScreenState screen() {
            return new ScreenState(ScreenKind.INCOMING, leg.peer());
        }
    }

    /** We answered an incoming call (200 OK sent) and wait for its ACK. */
    record Answering(CallLeg leg) implements CallState {
        public Answering {
            Objects.requireNonNull(leg, "leg");
        }

        @Override
        public ScreenState screen() {
            return new ScreenState(ScreenKind.INCOMING, leg.peer());
        }
    }

    /** The call is up in either direction; media runs. */
    record Established(CallLeg leg) implements CallState {
        public Established {
            Objects.requireNonNull(leg, "leg");
        }

        @Override
        public ScreenState screen() {
            return new ScreenState(ScreenKind.CONNECTED, leg.peer());
        }
    }

    /** The last call failed; the screen says so until {@link TimerKind#SCREEN_RESET}. Free for a new call. */
    record Failed(String reason) implements CallState {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public ScreenState screen() {
            return ScreenState.CALL_FAILED;
        }

        @Override
        public CallLeg leg() {
            return null;
        }
    }
}
