package rock.intercom.sip.call;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.call.CallInput;

/** Where the dialogs post what happened; set once by {@code CallSignalling.start}. Thread-safe. */
final class CallInputs {

    private static final Logger LOG = LoggerFactory.getLogger(CallInputs.class);

    private volatile Consumer<CallInput> sink;

    void start(Consumer<CallInput> newSink) {
        sink = newSink;
    }

    /** Posts one input; an input before start is logged and dropped (there is no driver yet). */
    void post(CallInput input) {
        Consumer<CallInput> current = sink;
        if (current == null) {
            LOG.warn("call input {} before CallSignalling.start; dropped", input);
            return;
        }
        LOG.debug("call input {}", input);
        current.accept(input);
    }
}
