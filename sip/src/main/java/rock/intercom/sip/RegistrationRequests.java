package rock.intercom.sip;

import java.text.ParseException;
import javax.sip.InvalidArgumentException;
import javax.sip.message.Request;
import rock.intercom.sip.digest.ChallengeAnswerer;

/**
 * What every request about one registration binding is built, authorised and sent with: the
 * binding's plan, the stack session, the request factory, the challenge answerer whose answers the
 * REGISTER, its keepalive OPTIONS and the unregister share, and the Call-ID and From tag that all
 * the binding's REGISTERs keep (RFC 3261 §10.2). Used on the agent's thread.
 */
record RegistrationRequests(BindingPlan plan, SipStackSession session, RequestFactory requests,
        ChallengeAnswerer answerer, String callId, String fromTag) {

    /** A REGISTER of this binding ({@code expires} 0 unregisters, §10.2.2). */
    Request register(long cseq, int expires) throws ParseException, InvalidArgumentException {
        return requests.register(callId, fromTag, cseq, expires);
    }

    /** A keepalive OPTIONS from this binding's address of record. */
    Request options() throws ParseException, InvalidArgumentException {
        return requests.options(fromTag);
    }
}
