package rock.intercom.app;

import rock.intercom.call.CallDirection;

/** Opens and closes a call's audio channels when the call logic says so. */
public interface CallMedia {

    /** No audio path: signalling-only calls (used until the media module is wired). */
    CallMedia NONE = new CallMedia() {
        @Override
        public void start(String callId, CallDirection direction) {
        }

        @Override
        public void stop(String callId) {
        }
    };

    void start(String callId, CallDirection direction);

    void stop(String callId);
}
