package rock.intercom.sip.digest;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Answers one Digest challenge again and again, counting nonce uses (RFC 7616 §3.4: nc is the
 * hexadecimal count of requests sent with this nonce, so a server can reject replays). A new
 * challenge needs a new responder. Not thread-safe.
 */
final class DigestResponder {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DigestChallenge challenge;
    private final DigestLogin login;
    private int nonceCount;

    DigestResponder(DigestChallenge challenge, DigestLogin login) {
        this.challenge = challenge;
        this.login = login;
    }

    /** True right after the first answer to this challenge: a rejection then means wrong credentials. */
    boolean isFresh() {
        return nonceCount == 1;
    }

    /** The credentials value ("Digest username=..., response=...") for the next request. */
    String answer(String method, String digestUri) {
        nonceCount++;
        byte[] cnonceBytes = new byte[12];
        RANDOM.nextBytes(cnonceBytes);
        return credentials(challenge, login, method, digestUri, nonceCount, HexFormat.of().formatHex(cnonceBytes))
                .headerValue();
    }

    /** The Authorization / Proxy-Authorization parameters, RFC 3261 §22.4 with RFC 7616 §3.4 hashes. */
    static DigestCredentials credentials(DigestChallenge challenge, DigestLogin login, String method,
            String digestUri, int nonceCount, String cnonce) {
        String nc = String.format("%08x", nonceCount);
        String qop = challenge.qopAuth() ? DigestChallenge.QOP_AUTH : null;
        String response = challenge.algorithm().requestDigest(login.username(), challenge.realm(), login.password(),
                method, digestUri, challenge.nonce(), qop, nc, cnonce);
        return new DigestCredentials(login.username(), challenge.realm(), challenge.nonce(), digestUri, response,
                challenge.algorithm().token(), qop, qop == null ? null : nc, qop == null ? null : cnonce,
                challenge.opaque());
    }
}
