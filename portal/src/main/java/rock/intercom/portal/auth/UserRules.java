package rock.intercom.portal.auth;

import java.util.regex.Pattern;
import rock.intercom.portal.Role;

/** The rules every {@link UserDirectory} keeps; a broken rule is an IllegalArgumentException saying which. */
public final class UserRules {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private UserRules() {
    }

    public static void checkUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("username must be 1-64 letters, digits, '.', '_' or '-'");
        }
    }

    public static void checkPassword(char[] password) {
        if (password == null || password.length < 8) {
            throw new IllegalArgumentException("password must have at least 8 characters");
        }
        if (password.length > 256) {
            throw new IllegalArgumentException("password must have at most 256 characters");
        }
    }

    /**
     * Refuses to take the role away from the last Account Administrator: {@code next} null means
     * the user is being removed.
     */
    public static void keepAnAdministrator(Role current, Role next, long administrators) {
        if (current != Role.ACCOUNT_ADMINISTRATOR || next == Role.ACCOUNT_ADMINISTRATOR || administrators > 1) {
            return;
        }
        throw new IllegalArgumentException(next == null ? "the last Account Administrator cannot be removed"
                : "the last Account Administrator cannot lose the role");
    }

    public static IllegalArgumentException noSuchUser(String username) {
        return new IllegalArgumentException("no user '" + username + "'");
    }
}
