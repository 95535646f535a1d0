package rock.intercom.sip.call;

import java.util.Optional;

/**
 * The media side of the offer/answer exchange (RFC 3264) as the call dialogs see it: SDP bodies
 * in, SDP bodies out. The media module implements it; calls for one Call-ID come from one thread.
 */
public interface SessionDescriptions {

    /** Our SDP offer for a new outgoing call (or for a 2xx to an INVITE that carried no offer). */
    String offer(String callId);

    /** Our answer to the remote offer of an incoming INVITE or re-INVITE, or a typed refusal. */
    SdpAnswer answer(String callId, String remoteOffer);

    /** The remote answer to our offer arrived; empty when usable, otherwise why it is not. */
    Optional<String> accepted(String callId, String remoteAnswer);
}
