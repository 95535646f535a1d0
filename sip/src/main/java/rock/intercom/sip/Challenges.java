package rock.intercom.sip;

import java.util.ListIterator;
import javax.sip.header.Header;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Response;

/** Reads the Digest challenges of a 401 or 407 (RFC 3261 §22.2-22.3). */
final class Challenges {

    private Challenges() {
    }

    /** The strongest challenge we can answer among the response's headers (RFC 7616 §3.7: SHA-256 first). */
    static DigestChallenge best(Response response, String headerName) throws DigestChallenge.BadChallengeException {
        ListIterator<Header> headers = response.getHeaders(headerName);
        DigestChallenge best = null;
        String firstProblem = "no " + headerName + " header";
        while (headers != null && headers.hasNext()) {
            WWWAuthenticateHeader header = (WWWAuthenticateHeader) headers.next();
            try {
                DigestChallenge challenge = DigestChallenge.of(header.getScheme(), header.getRealm(),
                        header.getNonce(), header.getOpaque(), header.getAlgorithm(), header.getQop(),
                        header.isStale());
                if (best == null || challenge.algorithm() == DigestAlgorithm.SHA_256) {
                    best = challenge;
                }
            } catch (DigestChallenge.BadChallengeException e) {
                firstProblem = e.getMessage();
            }
        }
        if (best == null) {
            throw new DigestChallenge.BadChallengeException(firstProblem);
        }
        return best;
    }
}
