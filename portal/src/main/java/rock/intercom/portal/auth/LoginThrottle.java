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
 * Limits password guessing per user name and client IP: after {@code maxFailures} failures within
 * {@code window}, that pair is locked out for {@code lockout}. A success clears the pair. Bounded to
 * {@link #MAX_TRACKED} pairs (stale ones are purged first). Thread-safe.
 */
public final class LoginThrottle {

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

    /** How long this pair must still wait, or empty if it may try now. */
    public synchronized Optional<Duration> retryAfter(String username, String ip) {
        Deque<Instant> recent = failures.get(key(username, ip));
        if (recent == null || recent.size() < maxFailures) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant until = recent.peekLast().plus(lockout);
        if (now.isBefore(until)) {
            return Optional.of(Duration.between(now, until));
        }
        return Optional.empty();
    }

    public synchronized void failed(String username, String ip) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_TRACKED) {
            purgeStale(now);
        }
        if (failures.size() >= MAX_TRACKED) {
            failures.clear();
        }
        Deque<Instant> recent = failures.computeIfAbsent(key(username, ip), k -> new ArrayDeque<>());
        recent.addLast(now);
        while (recent.size() > maxFailures || (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(window)))) {
            recent.removeFirst();
        }
    }

    public synchronized void succeeded(String username, String ip) {
        failures.remove(key(username, ip));
    }

    private void purgeStale(Instant now) {
        Instant horizon = now.minus(window).minus(lockout);
        failures.values().removeIf(q -> q.isEmpty() || q.peekLast().isBefore(horizon));
    }

    private static String key(String username, String ip) {
        return String.valueOf(username) + '\n' + ip;
    }
}
