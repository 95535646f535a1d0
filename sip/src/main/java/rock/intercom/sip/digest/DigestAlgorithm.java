package rock.intercom.sip.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Digest hash algorithms (RFC 7616 §3.3 names; RFC 3261 §22.4 uses MD5) and the request-digest
 * formula that a client computes and a server recomputes to compare. Stateless.
 */
public enum DigestAlgorithm {
    MD5("MD5", "MD5"),
    SHA_256("SHA-256", "SHA-256");

    private final String token;
    private final String jcaName;

    DigestAlgorithm(String token, String jcaName) {
        this.token = token;
        this.jcaName = jcaName;
    }

    /** The algorithm named by a header's {@code algorithm=}; absent means MD5 (RFC 7616 §3.3). Empty when unsupported. */
    public static Optional<DigestAlgorithm> fromToken(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(MD5);
        }
        String normalized = value.trim().toUpperCase(Locale.ROOT);
        for (DigestAlgorithm algorithm : values()) {
            if (algorithm.token.equals(normalized)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** The value of the {@code algorithm=} parameter. */
    public String token() {
        return token;
    }

    /** Lower-case hex of the hash of the UTF-8 text (RFC 7616 §3.4.1). */
    public String hash(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance(jcaName);
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " is a mandatory JDK algorithm", e);
        }
    }

    /**
     * The request-digest (the {@code response=} value): {@code KD(H(A1), nonce:nc:cnonce:qop:H(A2))}
     * with a qop (RFC 7616 §3.4.1), {@code KD(H(A1), nonce:H(A2))} without (RFC 2069 form), where
     * A1 = username:realm:password and A2 = method:digest-uri.
     *
     * @param qop as sent ({@code "auth"}), or null for the RFC 2069 form; then nc and cnonce are unused
     */
    public String requestDigest(String username, String realm, String password, String method, String digestUri,
            String nonce, String qop, String nc, String cnonce) {
        String ha1 = hash(username + ":" + realm + ":" + password);
        String ha2 = hash(method + ":" + digestUri);
        if (qop == null) {
            return hash(ha1 + ":" + nonce + ":" + ha2);
        }
        return hash(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }
}
