package rock.intercom.sip.call;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import rock.intercom.call.CallInput;

/**
 * Plays the call driver's sink in the tests: records every input in arrival order and lets a test
 * react to it (answer, reject...) the way the driver would, on the posting thread.
 */
final class CallInputRecorder implements Consumer<CallInput> {

    private final List<CallInput> inputs = new CopyOnWriteArrayList<>();
    private volatile Consumer<CallInput> reaction = input -> { };

    @Override
    public void accept(CallInput input) {
        inputs.add(input);
        reaction.accept(input);
    }

    /** What to do on each later input (replaces the previous reaction). */
    void react(Consumer<CallInput> newReaction) {
        reaction = newReaction;
    }

    /** The inputs about one call, in order. */
    List<CallInput> of(String callId) {
        return inputs.stream().filter(input -> callId.equals(callIdOf(input))).toList();
    }

    List<CallInput> all() {
        return List.copyOf(inputs);
    }

    static String callIdOf(CallInput input) {
        if (input instanceof CallInput.Provisional i) {
            return i.callId();
        }
        if (input instanceof CallInput.Answered i) {
            return i.callId();
        }
        if (input instanceof CallInput.Rejected i) {
            return i.callId();
        }
        if (input instanceof CallInput.TransportFailed i) {
            return i.callId();
        }
        if (input instanceof CallInput.NoResponse i) {
            return i.callId();
        }
        if (input instanceof CallInput.RemoteHangUp i) {
            return i.callId();
        }
        if (input instanceof CallInput.DialogFailed i) {
            return i.callId();
        }
        if (input instanceof CallInput.MediaFailed i) {
            return i.callId();
        }
        if (input instanceof CallInput.IncomingInvite i) {
            return i.callId();
        }
        if (input instanceof CallInput.IncomingAcknowledged i) {
            return i.callId();
        }
        if (input instanceof CallInput.IncomingCancelled i) {
            return i.callId();
        }
        return null;
    }
}
