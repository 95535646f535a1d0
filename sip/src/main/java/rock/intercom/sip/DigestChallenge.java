package rock.intercom.sip;

import java.util.Arrays;
import java.util.Locale;

/**
 * One Digest challenge from a 401 (WWW-Authenticate) or 407 (Proxy-Authenticate), RFC 3261
 * §22.2-22.3 and RFC 7616 §3.3. {@code qopAuth} says the server offered qop=auth.
 */
record DigestChallenge(String realm, String nonce, String opaque, DigestAlgorithm algorithm, boolean qopAuth,
        boolean stale) {

    /**
     * Reads a challenge from its parts; fails with a reason a person can act on when the challenge
     * is missing, not Digest, lacks realm or nonce, or asks for something we do not implement.
     */
    static DigestChallenge of(String scheme, String realm, String nonce, String opaque, String algorithm,
            String qop, boolean stale) throws BadChallengeException {
        if (scheme == null || !scheme.trim().equalsIgnoreCase("Digest")) {
            throw new BadChallengeException("challenge scheme is not Digest: " + scheme);
        }
        if (realm == null || nonce == null || nonce.isEmpty()) {
            throw new BadChallengeException("digest challenge without realm or nonce");
        }
        DigestAlgorithm digestAlgorithm = DigestAlgorithm.fromChallenge(algorithm)
                .orElseThrow(() -> new BadChallengeException("unsupported digest algorithm " + algorithm));
        boolean auth = false;
        if (qop != null && !qop.isBlank()) {
            auth = Arrays.stream(qop.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).anyMatch("auth"::equals);
            if (!auth) {
                throw new BadChallengeException("unsupported digest qop " + qop);
            }
        }
        return new DigestChallenge(realm, nonce, opaque, digestAlgorithm, auth, stale);
    }

    /** Why a challenge cannot be answered. */
    static final class BadChallengeException extends Exception {
        BadChallengeException(String message) {
            super(message);
        }
    }
}
