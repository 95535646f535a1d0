package rock.intercom.call.media;

import java.util.Optional;

/**
 * The call's media port on the signalling side: the offer/answer exchange (RFC 3264) as SDP bodies
 * in and out, plus the DTMF digits that arrive in SIP INFO. Defined here, used by the SIP adapter,
 * implemented by the device's audio. Every SDP the peer sends is applied through this port before
 * the adapter posts the input that follows from it, so that input carries the {@link AgreedMedia}.
 * Calls for one Call-ID come from one thread; none waits for the call thread.
 */
public interface SessionDescriptions {

    /** Our SDP offer for a new outgoing call (or for a 2xx to an INVITE that carried no offer). */
    SdpOffer offer(String callId);

    /** Our answer to the remote offer of an incoming INVITE or re-INVITE, or a typed refusal. */
    SdpAnswer answer(String callId, String remoteOffer);

    /** The remote answer to our offer arrived: the media it agrees on, or why it is not usable. */
    RemoteAnswer accepted(String callId, String remoteAnswer);

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
