package rock.intercom.call;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import rock.intercom.call.CallInput.ButtonPressed;
import rock.intercom.call.CallInput.SettingsChanged;
import rock.intercom.call.CallInput.TimerFired;
import rock.intercom.call.CallState.Failed;
import rock.intercom.call.CallState.Idle;
import rock.intercom.settings.DeviceSettings;

/**
 * The door's call, both directions: feed it {@link CallInput}s, run the {@link CallCommand}s it
 * returns. It never touches a socket or a thread; time comes from the injected {@link Ticker} and
 * timers are commands. Not thread-safe: one thread owns it and posts every input to it.
 *
 * <p>Debounce: a {@link ButtonPressed} less than {@link #DEBOUNCE} after the last accepted press
 * or the last change of state (a call started, answered, ended...) is ignored, so a bouncing
 * wired contact cannot start two calls or end a call it just started.
 *
 * <p>Inputs that do not apply to the current state, or that name another call, are ignored
 * (an empty command list); none throws.
 */
public final class DoorCall {

    /** Button presses closer than this to the last press or state change are contact bounce. */
    public static final Duration DEBOUNCE = Duration.ofMillis(500);

    private final Ticker ticker;
    private final CallIdGenerator callIds;
    private DeviceSettings settings;
    private CallState state = new Idle();
    private long lastChangeNanos;

    public DoorCall(DeviceSettings settings, Ticker ticker, CallIdGenerator callIds) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.callIds = Objects.requireNonNull(callIds, "callIds");
        this.lastChangeNanos = ticker.nanos() - DEBOUNCE.toNanos() - 1;
    }

    /** Applies one input and returns the commands to run, in order; empty when nothing happens. */
    public List<CallCommand> handle(CallInput input) {
        Objects.requireNonNull(input, "input");
        long now = ticker.nanos();
        if (input instanceof SettingsChanged changed) {
            // A call in progress keeps its DialPlan snapshot; the next call uses these settings.
            settings = changed.settings();
            return List.of();
        }
        if (input instanceof ButtonPressed && now - lastChangeNanos < DEBOUNCE.toNanos()) {
            return List.of();
        }
        if (input instanceof CallInput.DigitReceived digit) {
            // Digits never change the call; they count only on the call that is talking now.
            return state instanceof CallState.Established established
                    && established.leg().callId().equals(digit.callId())
                    ? List.of(new CallCommand.HandleDigit(established.leg(), digit.digit()))
                    : List.of();
        }
        Transition transition = step(state, input);
        boolean changed = transition.next().getClass() != state.getClass()
                || !Objects.equals(transition.next().leg(), state.leg());
        if (changed || (input instanceof ButtonPressed && !transition.commands().isEmpty())) {
            lastChangeNanos = now;
        }
        state = transition.next();
        return transition.commands();
    }

    /** The current state. */
    public CallState state() {
        return state;
    }

    /** What the screen shows now. */
    public ScreenState screen() {
        return state.screen();
    }

    /** The settings the next call will use. */
    public DeviceSettings settings() {
        return settings;
    }

    private Transition step(CallState current, CallInput input) {
        if (input instanceof TimerFired fired && fired.timer().kind() == TimerKind.SCREEN_RESET) {
            return current instanceof Failed
                    ? new Transition(new Idle(), List.of(new CallCommand.ShowScreen(ScreenState.IDLE)))
                    : Transition.ignore(current);
        }
        if (input instanceof CallInput.Answered answered
                && (current.leg() == null || !current.leg().callId().equals(answered.callId()))) {
            return OutgoingCall.lateAnswer(current, input);
        }
        if (input instanceof CallInput.IncomingInvite invite) {
            return IncomingCall.invite(current, invite, settings);
        }
        if (current.isFree()) {
            return input instanceof ButtonPressed
                    ? OutgoingCall.start(current, DialPlan.from(settings), callIds)
                    : Transition.ignore(current);
        }
        if (current.leg().direction() == CallDirection.OUTGOING) {
            return OutgoingCall.step(current, input, callIds);
        }
        return IncomingCall.step(current, input);
    }
}
