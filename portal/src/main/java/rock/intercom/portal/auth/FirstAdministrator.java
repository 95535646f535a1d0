package rock.intercom.portal.auth;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;

/**
 * The administrator a {@link UserDirectory} creates when it has no user at all: there is no default
 * password, so it is {@value #ADMIN_PASSWORD_ENV}, or a random one printed once (only its hash is
 * kept). {@link #forget} clears the password once it has been hashed and announced.
 */
public final class FirstAdministrator {

    public static final String ADMIN_USER_ENV = "INTERCOM_ADMIN_USER";
    public static final String ADMIN_PASSWORD_ENV = "INTERCOM_ADMIN_PASSWORD";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final String username;
    private final char[] password;
    private final boolean random;

    private FirstAdministrator(String username, char[] password, boolean random) {
        this.username = username;
        this.password = password;
        this.random = random;
    }

    public static FirstAdministrator from(Map<String, String> env) {
        String username = env.getOrDefault(ADMIN_USER_ENV, "admin");
        String given = env.get(ADMIN_PASSWORD_ENV);
        boolean random = given == null || given.isEmpty();
        return new FirstAdministrator(username.isBlank() ? "admin" : username,
                random ? randomPassword() : given.toCharArray(), random);
    }

    public String username() {
        return username;
    }

    public char[] password() {
        return password;
    }

    /** Says that the administrator was created, with the password when it was made up here. */
    public void announce(PrintStream out) {
        if (random) {
            // Printed exactly once, on the first start; only the hash is kept.
            out.println("Admin Portal: created user '" + username + "' with password " + new String(password)
                    + " (shown once; set " + ADMIN_PASSWORD_ENV + " to choose it)");
        } else {
            out.println("Admin Portal: created user '" + username + "' with the password from " + ADMIN_PASSWORD_ENV);
        }
    }

    public void forget() {
        Arrays.fill(password, '\0');
    }

    private static char[] randomPassword() {
        char[] out = new char[20];
        for (int i = 0; i < out.length; i++) {
            out[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return out;
    }
}
