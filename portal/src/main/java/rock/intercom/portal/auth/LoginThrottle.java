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
 * A {@link SignInThrottle} in this process's memory: per key, the times of the last failures
 * within the window. Bounded to {@link #MAX_TRACKED} keys (stale ones are purged first).
 * Thread-safe.
 */
public final class LoginThrottle implements SignInThrottle {

    public static final int MAX_TRACKED = 50_000;

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

    @Override
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

    @Override
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

    @Override
    public synchronized void succeeded(String username, String ip) {
        failures.remove(key(Scope.USER_AND_ADDRESS, username, ip));
        failures.remove(key(Scope.USER, username, ip));
    }

    private int limit(Scope scope) {
        return scope.limit(maxFailures);
    }

    private void purgeStale(Instant now) {
        Instant horizon = now.minus(window).minus(lockout);
        failures.values().removeIf(q -> q.isEmpty() || q.peekLast().isBefore(horizon));
    }

    private static String key(Scope scope, String username, String ip) {
        return scope.key(username, ip);
    }
}
