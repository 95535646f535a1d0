package rock.intercom.fleet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import rock.intercom.portal.auth.Sha256;

/**
 * Enrolment tokens and device secrets: 256 random bits, stored only as their SHA-256. A slow hash
 * (bcrypt) protects guessable passwords; these are never guessable, so a fast hash is enough and
 * lets the portal look a token up by its hash.
 */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Longest token or secret accepted from the network; ours are 43 characters. */
    public static final int MAX_LENGTH = 128;

    private Secrets() {
    }

    /** 32 random bytes, URL-safe base64 without padding. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String secret) {
        return Sha256.hex(secret);
    }

    /** Whether {@code secret} hashes to {@code storedHash}, in time independent of where they differ. */
    public static boolean matches(String secret, String storedHash) {
        if (secret == null || storedHash == null || secret.length() > MAX_LENGTH) {
            return false;
        }
        return MessageDigest.isEqual(hash(secret).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
