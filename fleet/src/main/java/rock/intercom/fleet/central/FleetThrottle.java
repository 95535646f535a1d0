package rock.intercom.fleet.central;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Bounds what unauthenticated callers of the fleet's routes (enrolment, the link's upgrade) may
 * cost. Two limits: per client address, {@code maxFailures} refused attempts (a wrong, used or
 * expired token; a wrong device secret) within {@code window} lock that address out for the
 * window; and overall, every attempt from anywhere takes a token from one bucket of
 * {@code burst} refilled at {@code perSecond}, so a flood from many addresses costs at most that
 * many registry transactions a second. Honest doors rarely fail, so a simulator enrolling a
 * thousand doors from one address is not slowed below the overall rate.
 *
 * <p>Memory is bounded: at most {@link #MAX_ADDRESSES} addresses are tracked; beyond that the
 * least recently seen is forgotten (an attacker with that many addresses meets the overall limit
 * anyway). Thread-safe.
 */
final class FleetThrottle {

    static final int MAX_ADDRESSES = 10_000;

    /** Too many attempts: come back after {@code retryAfter}. */
    record Refusal(Duration retryAfter, String reason) {
    }

    private static final class Failures {
        long windowStartMs;
        int count;
    }

    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final double perSecond;
    private final double burst;
    private double tokens;
    private long refilledMs;
    private final Map<String, Failures> failures = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    FleetThrottle(Clock clock, int maxFailures, Duration window, double perSecond, int burst) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
        this.refilledMs = clock.millis();
    }

    /** The defaults of a central portal: 10 failures per address in 10 min; 100 attempts/s overall, bursts of 1,000. */
    static FleetThrottle defaults(Clock clock) {
        return new FleetThrottle(clock, 10, Duration.ofMinutes(10), 100, 1000);
    }

    /** Takes one attempt for {@code address}, or says why not and for how long. */
    synchronized Optional<Refusal> attempt(String address) {
        long now = clock.millis();
        Failures recent = failures.get(String.valueOf(address));
        if (recent != null && now - recent.windowStartMs < window.toMillis() && recent.count >= maxFailures) {
            return Optional.of(new Refusal(Duration.ofMillis(recent.windowStartMs + window.toMillis() - now),
                    "too many refused attempts from this address"));
        }
        tokens = Math.min(burst, tokens + (now - refilledMs) * perSecond / 1000.0);
        refilledMs = now;
        if (tokens < 1) {
            return Optional.of(new Refusal(Duration.ofMillis((long) Math.ceil((1 - tokens) * 1000 / perSecond)),
                    "too many attempts at this portal"));
        }
        tokens -= 1;
        return Optional.empty();
    }

    /** Counts a refused attempt from {@code address}. */
    synchronized void failed(String address) {
        long now = clock.millis();
        Failures recent = failures.computeIfAbsent(String.valueOf(address), a -> new Failures());
        if (now - recent.windowStartMs >= window.toMillis()) {
            recent.windowStartMs = now;
            recent.count = 0;
        }
        recent.count++;
    }

    /** Addresses tracked now (for tests). */
    synchronized int tracked() {
        return failures.size();
    }
}
