package rock.intercom.call;

import java.util.List;
import java.util.Objects;

/** The result of one step of the call logic: the next state and the commands to run, in order. */
public record Transition(CallState next, List<CallCommand> commands) {

    public Transition {
        Objects.requireNonNull(next, "next");
        commands = List.copyOf(commands);
    }

    /** Nothing happens: the input does not apply to this state. */
    public static Transition ignore(CallState state) {
        return new Transition(state, List.of());
    }
}
