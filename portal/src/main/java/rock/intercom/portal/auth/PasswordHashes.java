package rock.intercom.portal.auth;

import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * bcrypt for portal passwords, shared by every {@link UserDirectory}. A check against no user
 * costs the same as one against a user (a dummy hash is checked), so timing does not tell which
 * names exist. Thread-safe.
 */
public final class PasswordHashes {

    /** bcrypt work factor for stored passwords: about 50-100 ms per check on a small CPU. */
    public static final int DEFAULT_COST = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int cost;
    private final String dummyHash;

    public PasswordHashes(int cost) {
        this.cost = cost;
        this.dummyHash = hash("not a password".toCharArray());
    }

    public String hash(char[] password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate("2b", password, salt, cost);
    }

    /** Whether {@code password} matches {@code hash}; a null hash (no such user) never matches. */
    public boolean matches(String hash, char[] password) {
        boolean ok = password != null && password.length > 0
                && OpenBSDBCrypt.checkPassword(hash == null ? dummyHash : hash, password);
        return ok && hash != null;
    }

    /** A digest of the stored hash (not the hash): it changes whenever the password does. */
    public static String stamp(String hash) {
        return Sha256.hex(hash).substring(0, 32);
    }
}
