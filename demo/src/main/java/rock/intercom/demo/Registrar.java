package rock.intercom.demo;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo PBX's location service (RFC 3261 §10.3): address-of-record → contacts with expiry.
 * Expired bindings are dropped when read. Bounded: at most {@value #MAX_CONTACTS_PER_USER}
 * contacts per user (the oldest is replaced). Thread-safe.
 */
public final class Registrar {
    /** Longest registration granted; shorter requests are honoured as asked. */
    public static final Duration MAX_EXPIRES = Duration.ofHours(1);
    /** Used when the REGISTER names no expiry (RFC 3261 §10.2.1.1 leaves it to the registrar). */
    public static final Duration DEFAULT_EXPIRES = Duration.ofHours(1);
    static final int MAX_CONTACTS_PER_USER = 8;

    private final Clock clock;
    private final Map<String, List<Binding>> bindings = new HashMap<>();

    public Registrar(Clock clock) {
        this.clock = clock;
    }

    /** The expiry granted for a requested one (negative = not given). */
    public static Duration granted(long requestedSeconds) {
        if (requestedSeconds < 0) {
            return DEFAULT_EXPIRES;
        }
        return Duration.ofSeconds(Math.min(requestedSeconds, MAX_EXPIRES.toSeconds()));
    }

    /** Adds or refreshes {@code contact} for {@code user}; a zero expiry removes it (§10.3 step 7). */
    public synchronized void bind(String user, String contact, Duration expires) {
        List<Binding> list = new ArrayList<>(live(user));
        list.removeIf(b -> b.contact().equals(contact));
        if (!expires.isZero()) {
            if (list.size() >= MAX_CONTACTS_PER_USER) {
                list.remove(0);
            }
            list.add(new Binding(user, contact, clock.instant().plus(expires)));
        }
        store(user, list);
    }

    /** Removes every contact of {@code user} ({@code Contact: *} with {@code Expires: 0}). */
    public synchronized void unbindAll(String user) {
        bindings.remove(user);
    }

    /** The user's current, unexpired contacts, oldest first. */
    public synchronized List<Binding> bindings(String user) {
        List<Binding> list = live(user);
        store(user, list);
        return list;
    }

    /** Whole seconds until {@code binding} expires by this registrar's clock, 0 once it has (a Contact's expires). */
    public long secondsLeft(Binding binding) {
        return Math.max(0, Duration.between(clock.instant(), binding.expires()).toSeconds());
    }

    public boolean isRegistered(String user) {
        return !bindings(user).isEmpty();
    }

    private List<Binding> live(String user) {
        return bindings.getOrDefault(user, List.of()).stream()
            .filter(b -> b.expires().isAfter(clock.instant())).toList();
    }

    private void store(String user, List<Binding> list) {
        if (list.isEmpty()) {
            bindings.remove(user);
        } else {
            bindings.put(user, List.copyOf(list));
        }
    }
}
