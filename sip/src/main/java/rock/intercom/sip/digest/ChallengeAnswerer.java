package rock.intercom.sip.digest;

import java.text.ParseException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import rock.intercom.settings.Identity;
import rock.intercom.settings.Proxy;

/**
 * The device's one answerer of Digest challenges (RFC 3261 §22.2-22.4, RFC 7616, MD5 or SHA-256),
 * for REGISTER, keepalives, INVITE and any other request: a 401 is answered with the server login,
 * a 407 with the proxy login. Challenges taken up are answered again on later requests, counting
 * nonce uses, until challenged anew (§22.3). Thread-safe: the unregister hands it to a stack thread.
 */
public final class ChallengeAnswerer {

    /** Who challenged, and the headers that carry its challenge and our answer. */
    public enum Challenger {
        /** The registrar or user agent server: 401, WWW-Authenticate, Authorization. */
        SERVER(WWWAuthenticateHeader.NAME, AuthorizationHeader.NAME),
        /** A proxy on the way: 407, Proxy-Authenticate, Proxy-Authorization. */
        PROXY(ProxyAuthenticateHeader.NAME, ProxyAuthorizationHeader.NAME);

        private final String challengeHeader;
        private final String answerHeader;

        Challenger(String challengeHeader, String answerHeader) {
            this.challengeHeader = challengeHeader;
            this.answerHeader = answerHeader;
        }

        /** The challenger of a 401 or 407 response. */
        public static Challenger of(Response response) {
            return response.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED ? PROXY : SERVER;
        }
    }

    private final HeaderFactory headers;
    private final Map<Challenger, DigestLogin> logins = new EnumMap<>(Challenger.class);
    private final Map<Challenger, DigestResponder> answers = new EnumMap<>(Challenger.class);

    /**
     * @param serverLogin answers 401s; null when there is none
     * @param proxyLogin  answers 407s; null when there is none
     */
    public ChallengeAnswerer(HeaderFactory headers, DigestLogin serverLogin, DigestLogin proxyLogin) {
        this.headers = headers;
        if (serverLogin != null) {
            logins.put(Challenger.SERVER, serverLogin);
        }
        if (proxyLogin != null) {
            logins.put(Challenger.PROXY, proxyLogin);
        }
    }

    /**
     * For requests outside registration (INVITE, MESSAGE): a 407 gets the proxy's login while a
     * proxy with one is in use, else the identity's, since a PBX may challenge calls as a proxy.
     */
    public static ChallengeAnswerer forRequests(HeaderFactory headers, Identity identity, Proxy proxy) {
        DigestLogin server = DigestLogin.ofIdentity(identity).orElse(null);
        return new ChallengeAnswerer(headers, server, DigestLogin.ofProxy(proxy).orElse(server));
    }

    /** The strongest challenge of a 401 or 407 that we can answer (RFC 7616 §3.7: SHA-256 first). */
    public static DigestChallenge challengeOf(Response response) throws DigestChallenge.BadChallengeException {
        String headerName = Challenger.of(response).challengeHeader;
        ListIterator<Header> found = response.getHeaders(headerName);
        DigestChallenge best = null;
        String firstProblem = "no " + headerName + " header";
        while (found != null && found.hasNext()) {
            WWWAuthenticateHeader header = (WWWAuthenticateHeader) found.next();
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

    /** True when a challenge from {@code challenger} can be answered at all. */
    public boolean hasLogin(Challenger challenger) {
        return logins.containsKey(challenger);
    }

    /** Answers {@code challenge} from now on; false (nothing changes) when there is no login for it. */
    public synchronized boolean takeUp(Challenger challenger, DigestChallenge challenge) {
        DigestLogin login = logins.get(challenger);
        if (login == null) {
            return false;
        }
        answers.put(challenger, new DigestResponder(challenge, login));
        return true;
    }

    /** Forgets the challenges taken up: the next request goes without credentials. */
    public synchronized void forget() {
        answers.clear();
    }

    /**
     * Adds our answers to every challenge taken up so far. Returns the challengers that got their
     * first answer: another non-stale challenge from one of them means the login is wrong.
     */
    public synchronized Set<Challenger> authorize(Request request) throws ParseException {
        Set<Challenger> first = EnumSet.noneOf(Challenger.class);
        for (Challenger challenger : answers.keySet()) {
            if (authorize(request, challenger)) {
                first.add(challenger);
            }
        }
        return first;
    }

    /** Adds our answer for one challenger, if it challenged; true when it is the first answer. */
    public synchronized boolean authorize(Request request, Challenger challenger) throws ParseException {
        DigestResponder answer = answers.get(challenger);
        if (answer == null) {
            return false;
        }
        request.addHeader(headers.createHeader(challenger.answerHeader,
                answer.answer(request.getMethod(), request.getRequestURI().toString())));
        return answer.isFresh();
    }

    /**
     * Answers a 401 or 407 to one of our requests: a new, not yet sent client transaction with the
     * request again, the next CSeq, a new branch and the credentials (RFC 3261 §22.2, §22.3); empty
     * when there is no login for this challenger.
     */
    public Optional<ClientTransaction> retry(ClientTransaction challenged, Response response, SipProvider provider)
            throws SipException {
        Challenger challenger = Challenger.of(response);
        if (!hasLogin(challenger)) {
            return Optional.empty();
        }
        try {
            takeUp(challenger, challengeOf(response));
            Request retry = (Request) challenged.getRequest().clone();
            retry.removeHeader(challenger.answerHeader);
            CSeqHeader cseq = (CSeqHeader) retry.getHeader(CSeqHeader.NAME);
            cseq.setSeqNumber(cseq.getSeqNumber() + 1);
            ((ViaHeader) retry.getHeader(ViaHeader.NAME)).removeParameter("branch");
            authorize(retry, challenger);
            return Optional.of(provider.getNewClientTransaction(retry));
        } catch (DigestChallenge.BadChallengeException e) {
            throw new SipException("unusable challenge: " + e.getMessage(), e);
        } catch (ParseException | InvalidArgumentException e) {
            throw new SipException("cannot answer challenge: " + e.getMessage(), e);
        }
    }
}
