package rock.intercom.portal.auth;

import java.util.List;
import java.util.Optional;
import rock.intercom.portal.Role;

/**
 * The portal's users (name, role, bcrypt hash): a file in the data dir for one door or one central
 * portal process ({@link UserStore}), or a database that several portal processes share, so a user
 * added, removed, re-passworded or re-roled through one process counts on every other at once.
 * Changes keep the rules of {@link UserRules}; nothing here returns a password or its hash.
 * Implementations are thread-safe.
 */
public interface UserDirectory {

    /** Creates or replaces a user. */
    void put(String username, char[] password, Role role);

    /** Sets a new password for an existing user, keeping the role. */
    void setPassword(String username, char[] password);

    /** Changes an existing user's role; the last Account Administrator keeps theirs. */
    void setRole(String username, Role role);

    /** Removes a user; the last Account Administrator cannot be removed. */
    void remove(String username);

    /**
     * A value that changes whenever the user's password changes ({@link PasswordHashes#stamp}):
     * a session made before a password change no longer matches. Empty for no such user.
     */
    Optional<String> stamp(String username);

    /** The user whose password matches; empty otherwise. Takes the same time for unknown users. */
    Optional<PortalUser> verify(String username, char[] password);

    Optional<PortalUser> find(String username);

    List<PortalUser> list();
}
