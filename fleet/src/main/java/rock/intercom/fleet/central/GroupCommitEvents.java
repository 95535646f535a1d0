package rock.intercom.fleet.central;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import rock.intercom.events.EventQuery;
import rock.intercom.events.EventStore;
import rock.intercom.events.NewEvent;
import rock.intercom.events.RecordedEvent;
import rock.intercom.events.SecurityEvent;

/**
 * The central portal's event store as its pages and API see it: reads go straight to the store;
 * the portal's own appends (audit events) are committed by the {@link IngestQueue}'s thread
 * together with whatever else is waiting, so a thousand requests at once cost a few fsyncs, not a
 * thousand. Each append is still durable when it returns. Thread-safe.
 */
final class GroupCommitEvents implements EventStore {

    private final EventStore store;
    private final IngestQueue writer;

    GroupCommitEvents(EventStore store, IngestQueue writer) {
        this.store = store;
        this.writer = writer;
    }

    @Override
    public SecurityEvent append(NewEvent event) {
        return writer.append(event);
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

    /** The store is closed by its owner, after the writer. */
    @Override
    public void close() {
    }
}
