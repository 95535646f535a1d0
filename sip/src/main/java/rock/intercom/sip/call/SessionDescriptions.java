package rock.intercom.sip.call;

import java.util.Optional;

/**
 * The media side of the offer/answer exchange (RFC 3264) as the call dialogs see it: SDP bodies
 * in, SDP bodies out, plus the DTMF digits that arrive in SIP INFO. The media module implements
 * it; calls for one Call-ID come from one thread.
 */
public interface SessionDescriptions {

    /** Our SDP offer for a new outgoing call (or for a 2xx to an INVITE that carried no offer). */
    String offer(String callId);

    /** Our answer to the remote offer of an incoming INVITE or re-INVITE, or a typed refusal. */
    SdpAnswer answer(String callId, String remoteOffer);

    /** The remote answer to our offer arrived; empty when usable, otherwise why it is not. */
    Optional<String> accepted(String callId, String remoteAnswer);

    /**
     * Our INVITE's offer was refused with {@code status} (488, 415 or 606): another offer to send
     * once, in a new INVITE of the same call attempt, or empty to let the refusal end the attempt.
     * The media module answers with the RTP/SAVP variant of a best-effort SRTP offer (RTP/AVP with
     * crypto lines) that an SRTP-only peer refused.
     */
    default Optional<String> retryOffer(String callId, int status) {
        return Optional.empty();
    }

    /**
     * A DTMF digit ({@code 0-9 * # A-D}) the peer sent in a SIP INFO (RFC 6086) on the dialog of
     * call {@code callId}. The call dialogs have logged it already; by default nothing more.
     */
    default void infoDigit(String callId, char digit) {
    }
}
