package rock.intercom.app;

import java.util.Objects;
import java.util.function.Consumer;
import rock.intercom.call.CallInput;

/**
 * Forwards call inputs to a target connected after construction, so that parts built before the
 * call controller (the call audio) can report to it. Inputs before {@link #connect} are dropped:
 * no call exists then.
 */
final class InputRelay implements Consumer<CallInput> {

    private volatile Consumer<CallInput> target = input -> { };

    void connect(Consumer<CallInput> controller) {
        target = Objects.requireNonNull(controller, "controller");
    }

    @Override
    public void accept(CallInput input) {
        target.accept(input);
    }
}
