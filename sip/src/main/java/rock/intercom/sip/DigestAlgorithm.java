package rock.intercom.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** Digest hash algorithms we answer (RFC 7616 §3.3 names; RFC 3261 §22.4 uses MD5). */
enum DigestAlgorithm {
    MD5("MD5", "MD5"),
    SHA_256("SHA-256", "SHA-256");

    private final String token;
    private final String jcaName;

    DigestAlgorithm(String token, String jcaName) {
        this.token = token;
        this.jcaName = jcaName;
    }

    /** The algorithm named in a challenge; absent means MD5 (RFC 7616 §3.3). Empty when unsupported. */
    static Optional<DigestAlgorithm> fromChallenge(String value) {
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

    String token() {
        return token;
    }

    /** Lower-case hex of the hash of the UTF-8 text (RFC 7616 §3.4.1). */
    String hash(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance(jcaName);
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " is a mandatory JDK algorithm", e);
        }
    }
}
