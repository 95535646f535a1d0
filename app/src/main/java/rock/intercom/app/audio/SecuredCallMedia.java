package rock.intercom.app.audio;

import java.util.Optional;
import rock.intercom.app.CallMedia;

/**
 * {@link CallMedia} that can tell what protection a call's audio got, for the {@code Call
 * Established} and {@code Incoming Call} events (issue 6: an operator audits encryption after the
 * fact). Thread-safe.
 */
public interface SecuredCallMedia extends CallMedia {

    /**
     * {@code SRTP AES_CM_128_HMAC_SHA1_80} (or another suite) or {@code RTP} once the call's
     * offer/answer has agreed; empty for an unknown call or one whose negotiation failed.
     */
    Optional<String> mediaSecurity(String callId);
}
