package rock.intercom.portal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import rock.intercom.events.EventQuery;
import rock.intercom.events.EventStore;
import rock.intercom.events.NewEvent;
import rock.intercom.events.SecurityEvent;
import rock.intercom.events.SecurityEventName;

/** A non-durable EventStore for portal tests (the SQLite store lives in the events module). */
final class InMemoryEventStore implements EventStore {

    private final List<SecurityEvent> events = new ArrayList<>();
    private final List<Consumer<SecurityEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private long nextId = 1;

    InMemoryEventStore(Clock clock) {
        this.clock = clock;
    }

    /** The same acceptance rules as the SQLite store: a device id and a known event name. */
    private static void check(NewEvent event) {
        if (event.deviceId() == null || event.deviceId().isBlank()) {
            throw new IllegalArgumentException("event deviceId must not be blank");
        }
        if (SecurityEventName.fromLabel(event.name()).isEmpty()) {
            throw new IllegalArgumentException("unknown event name '" + event.name() + "'");
        }
    }

    @Override
    public SecurityEvent append(NewEvent event) {
        check(event);
        SecurityEvent stored;
        synchronized (this) {
            stored = new SecurityEvent(nextId++, clock.instant().truncatedTo(ChronoUnit.MILLIS), event.deviceId(),
                    event.name(), event.details());
            events.add(stored);
        }
        listeners.forEach(l -> l.accept(stored));
        return stored;
    }

    /** Stores an event with a chosen time, for time-range tests. */
    synchronized SecurityEvent appendAt(Instant time, NewEvent event) {
        check(event);
        SecurityEvent stored = new SecurityEvent(nextId++, time, event.deviceId(), event.name(), event.details());
        events.add(stored);
        return stored;
    }

    @Override
    public synchronized List<SecurityEvent> query(EventQuery q) {
        return events.stream()
                .filter(e -> q.deviceId() == null || q.deviceId().equals(e.deviceId()))
                .filter(e -> q.names().isEmpty() || q.names().contains(e.name()))
                .filter(e -> q.from() == null || !e.time().isBefore(q.from()))
                .filter(e -> q.to() == null || !e.time().isAfter(q.to()))
                .filter(e -> q.beforeId() == null || e.id() < q.beforeId())
                .sorted(Comparator.comparingLong(SecurityEvent::id).reversed())
                .limit(q.limit())
                .toList();
    }

    @Override
    public AutoCloseable subscribe(Consumer<SecurityEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
