package rock.intercom.portal.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Limits password guessing three ways at once: per user name and client address (after
 * {@code maxFailures} failures within {@code window}), per user name from any address (twice as
 * many: guesses spread over many addresses), and per address for any user name (four times as
 * many: one address trying many names). Whichever trips locks for {@code lockout}. A success
 * clears its pair and its user name. Bounded to {@link #MAX_TRACKED} keys (stale ones are purged
 * first). Thread-safe.
 */
public final class LoginThrottle {

    public static final int MAX_TRACKED = 50_000;

    /** Which limit a lockout came from, for the Sign-In Locked event. */
    public enum Scope {
        USER_AND_ADDRESS, USER, ADDRESS
    }

    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Duration lockout;
    private final Map<String, Deque<Instant>> failures = new HashMap<>();

    public LoginThrottle(Clock clock, int maxFailures, Duration window, Duration lockout) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
        this.lockout = lockout;
    }

    /** How long this user name and address must still wait, or empty if they may try now. */
    public synchronized Optional<Duration> retryAfter(String username, String ip) {
        Instant now = clock.instant();
        Duration longest = null;
        for (Scope scope : Scope.values()) {
            Deque<Instant> recent = failures.get(key(scope, username, ip));
            if (recent == null || recent.size() < limit(scope)) {
                continue;
            }
            Instant until = recent.peekLast().plus(lockout);
            if (now.isBefore(until)) {
                Duration wait = Duration.between(now, until);
                longest = longest == null || wait.compareTo(longest) > 0 ? wait : longest;
            }
        }
        return Optional.ofNullable(longest);
    }

    /** Counts one failure; returns the limit this failure tripped (a lockout starts now), if any. */
    public synchronized Optional<Scope> failed(String username, String ip) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_TRACKED - 3) {
            purgeStale(now);
        }
        if (failures.size() >= MAX_TRACKED - 3) {
            failures.clear();
        }
        Scope tripped = null;
        for (Scope scope : Scope.values()) {
            Deque<Instant> recent = failures.computeIfAbsent(key(scope, username, ip), k -> new ArrayDeque<>());
            recent.addLast(now);
            while (recent.size() > limit(scope) || (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(window)))) {
                recent.removeFirst();
            }
            if (tripped == null && recent.size() == limit(scope)) {
                tripped = scope;
            }
        }
        return Optional.ofNullable(tripped);
    }

    public synchronized void succeeded(String username, String ip) {
        failures.remove(key(Scope.USER_AND_ADDRESS, username, ip));
        failures.remove(key(Scope.USER, username, ip));
    }

    private int limit(Scope scope) {
        return switch (scope) {
            case USER_AND_ADDRESS -> maxFailures;
            case USER -> maxFailures * 2;
            case ADDRESS -> maxFailures * 4;
        };
    }

    private void purgeStale(Instant now) {
        Instant horizon = now.minus(window).minus(lockout);
        failures.values().removeIf(q -> q.isEmpty() || q.peekLast().isBefore(horizon));
    }

    private static String key(Scope scope, String username, String ip) {
        return switch (scope) {
            case USER_AND_ADDRESS -> "p\n" + username + '\n' + ip;
            case USER -> "u\n" + username;
            case ADDRESS -> "a\n" + ip;
        };
    }
}
