package rock.intercom.events;

import java.time.Instant;
import java.util.Set;

/**
 * A filter over security events, newest first (highest id first). Null fields do not filter; an
 * empty {@code names} set means every name. The time range is half-open: {@code from} inclusive,
 * {@code to} exclusive. {@code beforeId} pages: pass the smallest id of the previous page to get
 * the next one.
 */
public record EventQuery(String deviceId, Set<String> names, Instant from, Instant to, Long beforeId, int limit) {

    public static final int MAX_LIMIT = 1000;

    public EventQuery {
        names = names == null ? Set.of() : Set.copyOf(names);
        if (limit <= 0 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from (" + from + ") must not be after to (" + to + ")");
        }
        if (beforeId != null && beforeId <= 0) {
            throw new IllegalArgumentException("before must be a positive event id, was " + beforeId);
        }
    }

    /** The newest {@code limit} events of every device. */
    public static EventQuery newest(int limit) {
        return new EventQuery(null, Set.of(), null, null, null, limit);
    }

    public EventQuery withDevice(String device) {
        return new EventQuery(device, names, from, to, beforeId, limit);
    }

    public EventQuery withNames(Set<String> eventNames) {
        return new EventQuery(deviceId, eventNames, from, to, beforeId, limit);
    }

    public EventQuery withRange(Instant fromInclusive, Instant toExclusive) {
        return new EventQuery(deviceId, names, fromInclusive, toExclusive, beforeId, limit);
    }

    /** The page after one whose smallest id was {@code id}. */
    public EventQuery withBeforeId(long id) {
        return new EventQuery(deviceId, names, from, to, id, limit);
    }
}
