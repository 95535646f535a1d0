package rock.intercom.events;

import java.util.List;
import java.util.function.Consumer;

/**
 * Durable security event log. {@link #append} returns only once the event is on disk, so a caller
 * may acknowledge it. Thread-safe. Listeners run after the write, on the appending thread, and
 * never under a lock of the store.
 */
public interface EventStore extends AutoCloseable {

    SecurityEvent append(NewEvent event);

    /**
     * Stores an event recorded elsewhere at {@code time} (a fleet device's, shipped to its portal);
     * otherwise as {@link #append}. Ids follow arrival, so such times need not follow ids.
     */
    default SecurityEvent appendRecorded(NewEvent event, java.time.Instant time) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps only its own times");
    }

    /**
     * Stores events recorded elsewhere, in order; a store that can does it in one transaction (all
     * or none). An invalid event refuses the whole list with an {@link IllegalArgumentException}.
     */
    default List<SecurityEvent> appendAllRecorded(List<RecordedEvent> events) {
        events.forEach(recorded -> NewEventRules.check(recorded.event()));
        return events.stream().map(e -> appendRecorded(e.event(), e.time())).toList();
    }

    List<SecurityEvent> query(EventQuery query);

    /** Subscribes to events appended from now on; returns a handle that unsubscribes. */
    AutoCloseable subscribe(Consumer<SecurityEvent> listener);

    @Override
    void close();
}
