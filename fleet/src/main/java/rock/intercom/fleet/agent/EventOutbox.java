package rock.intercom.fleet.agent;

import java.util.Comparator;
import java.util.List;
import rock.intercom.events.EventQuery;
import rock.intercom.events.EventStore;
import rock.intercom.events.SecurityEvent;

/**
 * The device's events not yet acknowledged by its portal, read from its own event store: the store
 * is the outbox (an event is durable there before anything else happens), and the portal's
 * acknowledged id is the only position kept. Reads oldest first, in bounded batches.
 */
final class EventOutbox {

    private final EventStore store;

    EventOutbox(EventStore store) {
        this.store = store;
    }

    /** The newest local event id (0: none). */
    long newestId() {
        List<SecurityEvent> newest = store.query(EventQuery.newest(1));
        return newest.isEmpty() ? 0 : newest.get(0).id();
    }

    /**
     * Up to {@code max} events with ids above {@code acked}, oldest first. The store pages newest
     * first below an id, so this looks at a window just above {@code acked} (ids are dense in one
     * store), widening it across gaps and walking down when the window holds more than a batch.
     */
    List<SecurityEvent> after(long acked, int max) {
        long newest = newestId();
        if (newest <= acked) {
            return List.of();
        }
        long window = max;
        long before = Math.min(acked + window + 1, newest + 1);
        while (true) {
            List<SecurityEvent> page = store.query(EventQuery.newest(max).withBeforeId(before));
            boolean reachedAcked = page.size() < max || page.get(page.size() - 1).id() <= acked + 1;
            if (reachedAcked) {
                List<SecurityEvent> fresh = page.stream().filter(e -> e.id() > acked)
                        .sorted(Comparator.comparingLong(SecurityEvent::id)).toList();
                if (!fresh.isEmpty() || before > newest) {
                    return fresh;
                }
                window *= 2; // a gap in the ids: look further up
                before = Math.min(acked + window + 1, newest + 1);
            } else {
                before = page.get(page.size() - 1).id(); // more than a batch in the window: walk down
            }
        }
    }
}
