package rock.intercom.call.media;

import java.util.function.Consumer;
import rock.intercom.call.CallDirection;
import rock.intercom.call.CallInput;

/**
 * The call's media port on the call thread's side: opens and closes a call's audio when the call
 * logic says so. Failures (media that does not start, the no-media watchdog) go to the sink given
 * to {@link #connect} as {@link CallInput.MediaFailed}; no method waits for the call thread.
 */
public interface CallMedia {

    /** Where media failures go; called once, by the call controller, before any other method. */
    void connect(Consumer<CallInput> sink);

    void start(String callId, CallDirection direction);

    void stop(String callId);
}
