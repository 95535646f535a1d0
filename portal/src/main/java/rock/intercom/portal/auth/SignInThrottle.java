package rock.intercom.portal.auth;

import java.util.Optional;

/**
 * Limits password guessing three ways at once: per user name and client address, per user name
 * from any address (twice as many failures: guesses spread over many addresses), and per address
 * for any user name (four times as many: one address trying many names). Whichever trips locks
 * for the lockout time. Kept in this process's memory ({@link LoginThrottle}), or in a database
 * that several portal processes share, so failures through every process count together.
 * Implementations are thread-safe and bounded.
 */
public interface SignInThrottle {

    /** Which limit a lockout came from, for the Sign-In Locked event. */
    enum Scope {
        USER_AND_ADDRESS, USER, ADDRESS;

        /** How many failures within the window this scope allows before it locks. */
        public int limit(int maxFailures) {
            return switch (this) {
                case USER_AND_ADDRESS -> maxFailures;
                case USER -> maxFailures * 2;
                case ADDRESS -> maxFailures * 4;
            };
        }

        /** What failures of this scope are counted under. */
        public String key(String username, String ip) {
            return switch (this) {
                case USER_AND_ADDRESS -> "p\n" + username + '\n' + ip;
                case USER -> "u\n" + username;
                case ADDRESS -> "a\n" + ip;
            };
        }
    }

    /** How long this user name and address must still wait, or empty if they may try now. */
    Optional<java.time.Duration> retryAfter(String username, String ip);

    /** Counts one failure; returns the limit this failure tripped (a lockout starts now), if any. */
    Optional<Scope> failed(String username, String ip);

    /** A success clears its pair and its user name (not the address: it may be guessing others too). */
    void succeeded(String username, String ip);
}
