package rock.intercom.sip;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Answers one Digest challenge again and again, counting nonce uses (RFC 7616 §3.4: nc is the
 * hexadecimal count of requests sent with this nonce, so a server can reject replays). A new
 * challenge needs a new responder. Not thread-safe: owned by the agent thread.
 */
final class DigestResponder {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DigestChallenge challenge;
    private final String username;
    private final String password;
    private int nonceCount;

    DigestResponder(DigestChallenge challenge, String username, String password) {
        this.challenge = challenge;
        this.username = username;
        this.password = password;
    }

    DigestChallenge challenge() {
        return challenge;
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
        return credentials(challenge, username, password, method, digestUri, nonceCount,
                HexFormat.of().formatHex(cnonceBytes));
    }

    /** The Authorization / Proxy-Authorization value, RFC 3261 §22.4 with RFC 7616 §3.4 hashes. */
    static String credentials(DigestChallenge challenge, String username, String password, String method,
            String digestUri, int nonceCount, String cnonce) {
        String nc = String.format("%08x", nonceCount);
        String response = response(challenge, username, password, method, digestUri, nc, cnonce);
        StringBuilder value = new StringBuilder("Digest username=\"").append(quoted(username))
                .append("\", realm=\"").append(quoted(challenge.realm()))
                .append("\", nonce=\"").append(quoted(challenge.nonce()))
                .append("\", uri=\"").append(quoted(digestUri))
                .append("\", response=\"").append(response)
                .append("\", algorithm=").append(challenge.algorithm().token());
        if (challenge.opaque() != null) {
            value.append(", opaque=\"").append(quoted(challenge.opaque())).append('"');
        }
        if (challenge.qopAuth()) {
            value.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
        }
        return value.toString();
    }

    /** The request-digest, RFC 7616 §3.4.1 (qop=auth) or RFC 2069 style when no qop was offered. */
    static String response(DigestChallenge challenge, String username, String password, String method,
            String digestUri, String nc, String cnonce) {
        DigestAlgorithm h = challenge.algorithm();
        String ha1 = h.hash(username + ":" + challenge.realm() + ":" + password);
        String ha2 = h.hash(method + ":" + digestUri);
        if (challenge.qopAuth()) {
            return h.hash(ha1 + ":" + challenge.nonce() + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        }
        return h.hash(ha1 + ":" + challenge.nonce() + ":" + ha2);
    }

    private static String quoted(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
