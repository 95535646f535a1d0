package rock.intercom.events;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * An {@link EventStore} that passes every call to another, for decorators that change one or two
 * of them (timing appends, committing them in groups) and must not forget the rest when the
 * interface grows. Thread-safe when the store is.
 */
public abstract class ForwardingEventStore implements EventStore {

    private final EventStore store;

    protected ForwardingEventStore(EventStore store) {
        this.store = java.util.Objects.requireNonNull(store, "store");
    }

    /** The store calls are passed to. */
    protected final EventStore store() {
        return store;
    }

    @Override
    public SecurityEvent append(NewEvent event) {
        return store.append(event);
    }

    @Override
    public SecurityEvent appendRecorded(NewEvent event, Instant time) {
        return store.appendRecorded(event, time);
    }

    @Override
    public List<SecurityEvent> appendAllRecorded(List<RecordedEvent> events) {
        return store.appendAllRecorded(events);
    }

    @Override
    public List<SecurityEvent> query(EventQuery query) {
        return store.query(query);
    }

    @Override
    public AutoCloseable subscribe(Consumer<SecurityEvent> listener) {
        return store.subscribe(listener);
    }

    @Override
    public void close() {
        store.close();
    }
}
