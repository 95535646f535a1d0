package rock.intercom.demo;

import java.util.Optional;

/** Digest hash algorithms the demo PBX can verify (RFC 7616 §3.3; MD5 is what it challenges with). */
public enum DigestAlgorithm {
    MD5("MD5", "MD5"),
    SHA_256("SHA-256", "SHA-256");

    private final String token;
    private final String jcaName;

    DigestAlgorithm(String token, String jcaName) {
        this.token = token;
        this.jcaName = jcaName;
    }

    /** The value of the {@code algorithm=} parameter. */
    public String token() {
        return token;
    }

    String jcaName() {
        return jcaName;
    }

    /** The algorithm named by a header; an absent parameter means MD5 (RFC 2617 §3.2.1). */
    public static Optional<DigestAlgorithm> byToken(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.of(MD5);
        }
        for (DigestAlgorithm a : values()) {
            if (a.token.equalsIgnoreCase(token)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
