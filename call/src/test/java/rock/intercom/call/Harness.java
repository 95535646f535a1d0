package rock.intercom.call;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import rock.intercom.call.CallCommand.RecordEvent;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.testkit.TestDevices;

/** A {@link DoorCall} with a manual ticker and sequential Call-IDs; keeps every command it returned. */
final class Harness {

    final ManualTicker ticker = new ManualTicker();
    final DoorCall call;
    final List<CallCommand> all = new ArrayList<>();

    Harness(DeviceSettings settings) {
        call = new DoorCall(settings, ticker, new SequentialCallIds());
    }

    Harness() {
        this(TestDevices.standard());
    }

    /** Moves time past the debounce window, then applies the input. */
    List<CallCommand> later(CallInput input) {
        ticker.advance(DoorCall.DEBOUNCE.plusMillis(1));
        return now(input);
    }

    /** Applies the input without moving time. */
    List<CallCommand> now(CallInput input) {
        var commands = call.handle(input);
        all.addAll(commands);
        return commands;
    }

    /** Applies each input, a debounce window apart; returns the last step's commands. */
    List<CallCommand> run(List<CallInput> inputs) {
        List<CallCommand> last = List.of();
        for (CallInput input : inputs) {
            last = later(input);
        }
        return last;
    }

    void advance(Duration duration) {
        ticker.advance(duration);
    }

    /** Every event recorded so far, in order. */
    List<RecordEvent> events() {
        return all.stream().filter(RecordEvent.class::isInstance).map(RecordEvent.class::cast).toList();
    }
}
