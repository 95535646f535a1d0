package rock.intercom.sip;

import java.time.Duration;

/** Doubling pauses between retries, from {@code first} up to {@code cap}; reset after a success. */
final class Backoff {

    private final Duration first;
    private final Duration cap;
    private Duration next;

    Backoff(Duration first, Duration cap) {
        if (first.isNegative() || first.isZero() || cap.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= cap");
        }
        this.first = first;
        this.cap = cap;
        this.next = first;
    }

    /** The pause before the next retry; each call doubles the following one up to the cap. */
    Duration next() {
        Duration current = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(cap) > 0 ? cap : doubled;
        return current;
    }

    void reset() {
        next = first;
    }
}
