package rock.intercom.sip.call;

import java.util.Optional;
import javax.sip.ClientTransaction;
import javax.sip.SipException;
import javax.sip.message.Response;

/**
 * Answers a 401 (WWW-Authenticate) or 407 (Proxy-Authenticate) challenge to a request we sent,
 * RFC 3261 §22.2-22.3. The call dialogs decide whether to answer at all (once per nonce); this
 * only builds the authorised retry.
 */
public interface ChallengeResponder {

    /**
     * A new, not yet sent client transaction carrying the challenged request again with
     * credentials and the next CSeq, or empty when there are no credentials for this challenge.
     *
     * @throws SipException when the challenge cannot be read or the transaction not created
     */
    Optional<ClientTransaction> answer(ClientTransaction challenged, Response challenge) throws SipException;
}
