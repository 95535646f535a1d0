package rock.intercom.events;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscribers of a store. {@link #publish} calls each on the caller's thread; one that throws
 * is logged and the others still run. Thread-safe; call it outside any lock of the store.
 */
final class EventListeners {

    private static final Logger LOG = LoggerFactory.getLogger(EventListeners.class);

    private final CopyOnWriteArrayList<Consumer<SecurityEvent>> listeners = new CopyOnWriteArrayList<>();

    AutoCloseable add(Consumer<SecurityEvent> listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        // Wrap so that subscribing the same listener twice gives two independent handles.
        Consumer<SecurityEvent> entry = listener::accept;
        listeners.add(entry);
        return () -> listeners.remove(entry);
    }

    void publish(SecurityEvent event) {
        for (Consumer<SecurityEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                // The event is already stored; a broken subscriber must not fail the append.
                LOG.warn("security event listener failed on event {}", event.id(), e);
            }
        }
    }

    int size() {
        return listeners.size();
    }
}
