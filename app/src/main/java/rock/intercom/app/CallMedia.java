package rock.intercom.app;

import rock.intercom.call.CallDirection;

/** Opens and closes a call's audio channels when the call logic says so. */
public interface CallMedia {

    void start(String callId, CallDirection direction);

    void stop(String callId);

    /**
     * What protects the call's media, e.g. {@code SRTP AES_CM_128_HMAC_SHA1_80} or {@code RTP}, for
     * the events an operator audits; empty when not known.
     */
    default java.util.Optional<String> mediaSecurity(String callId) {
        return java.util.Optional.empty();
    }
}
