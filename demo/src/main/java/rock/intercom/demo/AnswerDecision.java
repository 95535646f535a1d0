package rock.intercom.demo;

import rock.intercom.media.codec.Codec;

/** What the guard desk does with an SDP offer: answer it, or refuse the call with a SIP status. */
public sealed interface AnswerDecision {

    /**
     * The offer is acceptable.
     *
     * @param answerSdp  the SDP answer text for the 200 OK
     * @param codec      the G.711 variant the tone is sent in
     * @param remoteHost where the caller wants RTP (its c= address)
     * @param remotePort the caller's RTP port
     * @param sendTone   false when the caller does not want to receive (sendonly/inactive offer)
     */
    record Accepted(String answerSdp, Codec codec, String remoteHost, int remotePort, boolean sendTone)
        implements AnswerDecision {
    }

    /** The offer cannot be served; {@code status} is 488 or 400 with a human reason phrase. */
    record Refused(int status, String reason) implements AnswerDecision {
    }
}
