package rock.intercom.fleet.central;

import rock.intercom.events.EventStore;
import rock.intercom.events.ForwardingEventStore;
import rock.intercom.events.NewEvent;
import rock.intercom.events.SecurityEvent;

/**
 * The central portal's event store as its pages and API see it: reads go straight to the store;
 * the portal's own appends (audit events) are committed by the {@link IngestQueue}'s thread
 * together with whatever else is waiting, so a thousand requests at once cost a few fsyncs, not a
 * thousand. Each append is still durable when it returns. Thread-safe.
 */
final class GroupCommitEvents extends ForwardingEventStore {

    private final IngestQueue writer;

    GroupCommitEvents(EventStore store, IngestQueue writer) {
        super(store);
        this.writer = writer;
    }

    @Override
    public SecurityEvent append(NewEvent event) {
        return writer.append(event);
    }

    /** The store is closed by its owner, after the writer. */
    @Override
    public void close() {
    }
}
