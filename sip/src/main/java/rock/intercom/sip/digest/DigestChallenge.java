package rock.intercom.sip.digest;

import java.util.Arrays;
import java.util.Locale;

/**
 * One Digest challenge of a 401 (WWW-Authenticate) or 407 (Proxy-Authenticate), RFC 3261
 * §22.2-22.3 and RFC 7616 §3.3, as a client reads it or a server issues it. {@code qopAuth} says
 * qop=auth is offered; {@code stale} says the nonce, not the password, was refused (RFC 7616 §3.3).
 */
public record DigestChallenge(String realm, String nonce, String opaque, DigestAlgorithm algorithm, boolean qopAuth,
        boolean stale) {

    /** The only qop we answer and offer. */
    public static final String QOP_AUTH = "auth";

    /**
     * Reads a challenge from its parts; fails with a reason a person can act on when the challenge
     * is missing, not Digest, lacks realm or nonce, or asks for something we do not implement.
     */
    public static DigestChallenge of(String scheme, String realm, String nonce, String opaque, String algorithm,
            String qop, boolean stale) throws BadChallengeException {
        if (scheme == null || !scheme.trim().equalsIgnoreCase("Digest")) {
            throw new BadChallengeException("challenge scheme is not Digest: " + scheme);
        }
        if (realm == null || nonce == null || nonce.isEmpty()) {
            throw new BadChallengeException("digest challenge without realm or nonce");
        }
        DigestAlgorithm digestAlgorithm = DigestAlgorithm.fromToken(algorithm)
                .orElseThrow(() -> new BadChallengeException("unsupported digest algorithm " + algorithm));
        boolean auth = false;
        if (qop != null && !qop.isBlank()) {
            auth = Arrays.stream(qop.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).anyMatch(QOP_AUTH::equals);
            if (!auth) {
                throw new BadChallengeException("unsupported digest qop " + qop);
            }
        }
        return new DigestChallenge(realm, nonce, opaque, digestAlgorithm, auth, stale);
    }

    /** Why a challenge cannot be answered. */
    public static final class BadChallengeException extends Exception {
        public BadChallengeException(String message) {
            super(message);
        }
    }
}
