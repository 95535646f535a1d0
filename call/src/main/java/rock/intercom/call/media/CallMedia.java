package rock.intercom.call.media;

import java.time.Duration;
import java.util.function.Consumer;
import rock.intercom.call.CallDirection;
import rock.intercom.call.CallInput;
import rock.intercom.call.ProgressTone;

/**
 * The call's media port on the call thread's side: opens and closes a call's audio when the call
 * logic says so, and plays the call-progress tones the visitor hears meanwhile. Failures (media
 * that does not start, the no-media watchdog) go to the sink given to {@link #connect} as
 * {@link CallInput.MediaFailed}; no method waits for the call thread.
 */
public interface CallMedia {

    /** Where media failures go; called once, by the call controller, before any other method. */
    void connect(Consumer<CallInput> sink);

    /** Two-way audio; after {@link #startEarly} for the same call, the running media goes on with the microphone. */
    void start(String callId, CallDirection direction);

    void stop(String callId);

    /** The peer's early media (RFC 3960) at the speaker; the visitor's microphone stays muted until {@link #start}. */
    void startEarly(String callId);

    /** A call-progress tone at the speaker for at most {@code length}, replacing any tone playing. */
    void playTone(ProgressTone tone, Duration length);

    /** Silences the tone, if one plays; the speaker is free for the call's audio when this returns. */
    void stopTone();
}
