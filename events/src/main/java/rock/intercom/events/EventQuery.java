package rock.intercom.events;

import java.time.Instant;
import java.util.Set;

/**
 * A filter over security events, newest first. Null fields do not filter. {@code beforeId} pages:
 * pass the smallest id of the previous page to get the next one.
 */
public record EventQuery(String deviceId, Set<String> names, Instant from, Instant to, Long beforeId, int limit) {

    public static final int MAX_LIMIT = 1000;

    public EventQuery {
        names = names == null ? Set.of() : Set.copyOf(names);
        if (limit <= 0 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
        }
    }
}
