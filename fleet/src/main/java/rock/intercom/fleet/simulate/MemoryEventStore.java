package rock.intercom.fleet.simulate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import rock.intercom.events.EventQuery;
import rock.intercom.events.EventStore;
import rock.intercom.events.NewEvent;
import rock.intercom.events.SecurityEvent;

/**
 * A simulated door's event store, in memory, keeping the newest {@value #CAPACITY} events (a
 * simulation that outruns its portal by more loses the oldest: not for real doors). Queries honour
 * device, names, before-id and limit, which is what the outbox and the API use. Thread-safe.
 */
final class MemoryEventStore implements EventStore {

    static final int CAPACITY = 10_000;

    private final Clock clock;
    private final ArrayList<SecurityEvent> events = new ArrayList<>();
    private final List<Consumer<SecurityEvent>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private long nextId = 1;

    MemoryEventStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public SecurityEvent append(NewEvent event) {
        SecurityEvent stored;
        synchronized (events) {
            stored = new SecurityEvent(nextId++, clock.instant(), event.deviceId(), event.name(),
                    Map.copyOf(event.details()));
            events.add(stored);
            if (events.size() > CAPACITY) {
                events.subList(0, events.size() - CAPACITY).clear();
            }
        }
        listeners.forEach(listener -> listener.accept(stored));
        return stored;
    }

    @Override
    public List<SecurityEvent> query(EventQuery query) {
        List<SecurityEvent> found = new ArrayList<>();
        synchronized (events) {
            for (int i = events.size() - 1; i >= 0 && found.size() < query.limit(); i--) {
                SecurityEvent event = events.get(i);
                if ((query.beforeId() == null || event.id() < query.beforeId())
                        && (query.deviceId() == null || query.deviceId().equals(event.deviceId()))
                        && (query.names().isEmpty() || query.names().contains(event.name()))) {
                    found.add(event);
                }
            }
        }
        return found;
    }

    @Override
    public AutoCloseable subscribe(Consumer<SecurityEvent> listener) {
        Consumer<SecurityEvent> entry = listener::accept;
        listeners.add(entry);
        return () -> listeners.remove(entry);
    }

    @Override
    public void close() {
    }
}
