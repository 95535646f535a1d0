package rock.intercom.demo;

import java.text.ParseException;
import java.util.ListIterator;
import javax.sip.ServerTransaction;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.Header;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.sip.digest.DigestChallenge;
import rock.intercom.sip.digest.DigestCredentials;

/**
 * Translates between SIP authorization headers and {@link DigestAuthenticator}: a registrar
 * challenges with 401 + WWW-Authenticate, the call side with 407 + Proxy-Authenticate like a PBX
 * acting as proxy (RFC 3261 §22.2, §22.3). Used on the PBX's event thread.
 */
final class RequestAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(RequestAuthenticator.class);

    private final DigestAuthenticator digest;
    private final PbxSignalling sip;

    RequestAuthenticator(DigestAuthenticator digest, PbxSignalling sip) {
        this.digest = digest;
        this.sip = sip;
    }

    /**
     * The authenticated user; null after the request was answered with a challenge or 403.
     *
     * @param asProxy true for 407/Proxy-Authorization, false for 401/Authorization
     */
    String authenticate(ServerTransaction st, Request request, boolean asProxy) {
        DigestCredentials credentials = credentials(request, asProxy);
        AuthCheck check = digest.check(request.getMethod(), credentials);
        switch (check.outcome()) {
            case ACCEPTED -> {
                return check.user();
            }
            case REJECTED -> {
                LOG.info("Demo PBX refused {} credentials of '{}'", request.getMethod(),
                    credentials == null ? null : credentials.username());
                sip.send(st, sip.response(request, Response.FORBIDDEN, "Wrong credentials", null));
            }
            case CHALLENGE, STALE -> sip.send(st, challenge(request, asProxy, check.outcome() == AuthCheck.Outcome.STALE));
        }
        return null;
    }

    private Response challenge(Request request, boolean asProxy, boolean stale) {
        DigestChallenge c = digest.challenge(stale);
        Response response = sip.response(request,
            asProxy ? Response.PROXY_AUTHENTICATION_REQUIRED : Response.UNAUTHORIZED);
        try {
            WWWAuthenticateHeader header = asProxy ? sip.headers.createProxyAuthenticateHeader("Digest")
                : sip.headers.createWWWAuthenticateHeader("Digest");
            header.setRealm(c.realm());
            header.setNonce(c.nonce());
            header.setAlgorithm(c.algorithm().token());
            if (c.qopAuth()) {
                header.setQop(DigestChallenge.QOP_AUTH);
            }
            if (c.stale()) {
                header.setStale(true);
            }
            response.setHeader(header);
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build a digest challenge", e);
        }
        return response;
    }

    /** The credentials for our realm (a request may carry several, RFC 3261 §22.3), or null. */
    private DigestCredentials credentials(Request request, boolean asProxy) {
        String name = asProxy ? ProxyAuthorizationHeader.NAME : AuthorizationHeader.NAME;
        ListIterator<Header> it = request.getHeaders(name);
        DigestCredentials any = null;
        while (it != null && it.hasNext()) {
            if (!(it.next() instanceof AuthorizationHeader h) || !"Digest".equalsIgnoreCase(h.getScheme())) {
                continue;
            }
            DigestCredentials c = new DigestCredentials(h.getUsername(), h.getRealm(), h.getNonce(),
                h.getURI() == null ? null : h.getURI().toString(), h.getResponse(), h.getAlgorithm(), h.getQop(),
                nonceCount(h), h.getCNonce(), h.getOpaque());
            if (digest.realm().equals(c.realm())) {
                return c;
            }
            any = c;
        }
        return any;
    }

    /** The nc value as written: JAIN-SIP parses it to an int, the digest needs the 8 hex digits. */
    private static String nonceCount(AuthorizationHeader h) {
        String written = h.getParameter("nc");
        if (written != null) {
            return written;
        }
        int nc = h.getNonceCount();
        return nc <= 0 ? null : String.format("%08x", nc);
    }
}
