package rock.intercom.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The digest {@code response} value (RFC 2617 §3.2.2, RFC 7616 §3.4.1), computed the way a client
 * does so the server can compare. JAIN-SIP has a client-side helper only. Stateless.
 */
public final class DigestResponse {
    private DigestResponse() {
    }

    /**
     * {@code KD(H(A1), nonce:nc:cnonce:qop:H(A2))} with qop, or {@code KD(H(A1), nonce:H(A2))}
     * without (RFC 2069 compatibility); A1 = user:realm:password, A2 = method:uri.
     *
     * @param qop {@code "auth"} or {@code null}; nonceCount and cnonce are ignored when null
     */
    public static String compute(DigestAlgorithm algorithm, String username, String realm, String password,
                                 String method, String uri, String nonce, String qop, String nonceCount,
                                 String cnonce) {
        String ha1 = hash(algorithm, username + ":" + realm + ":" + password);
        String ha2 = hash(algorithm, method + ":" + uri);
        if (qop == null) {
            return hash(algorithm, ha1 + ":" + nonce + ":" + ha2);
        }
        return hash(algorithm, ha1 + ":" + nonce + ":" + nonceCount + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    static String hash(DigestAlgorithm algorithm, String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm.jcaName());
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without " + algorithm.jcaName(), e);
        }
    }
}
