package rock.intercom.demo;

/** What the guard desk does with an SDP offer: answer it, or refuse the call with a SIP status. */
public sealed interface AnswerDecision {

    /**
     * The offer is acceptable.
     *
     * @param answerSdp the SDP answer text for the 200 OK
     * @param target    where the tone goes
     */
    record Accepted(String answerSdp, ToneTarget target) implements AnswerDecision {
    }

    /** The offer cannot be served; {@code status} is 488 with a human reason phrase. */
    record Refused(int status, String reason) implements AnswerDecision {
    }
}
