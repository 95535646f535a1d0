package rock.intercom.events;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The listeners to one kind of news (a store's events, a door's screens): {@link #tell} calls each
 * on the caller's thread in the order they were added; one that throws goes to the failure handler
 * and the others still run. Thread-safe; tell outside any lock of the owner.
 */
public final class Listeners<T> {

    private final BiConsumer<T, RuntimeException> onFailure;
    private final CopyOnWriteArrayList<Consumer<T>> listeners = new CopyOnWriteArrayList<>();

    /** {@code onFailure} gets the news a listener failed on and its exception, to log. */
    public Listeners(BiConsumer<T, RuntimeException> onFailure) {
        this.onFailure = onFailure;
    }

    /** Adds {@code listener}; close the result to remove it. */
    public AutoCloseable add(Consumer<T> listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        // Wrap so that adding the same listener twice gives two independent handles.
        Consumer<T> entry = listener::accept;
        listeners.add(entry);
        return () -> listeners.remove(entry);
    }

    public void tell(T news) {
        for (Consumer<T> listener : listeners) {
            try {
                listener.accept(news);
            } catch (RuntimeException e) {
                onFailure.accept(news, e);
            }
        }
    }
}
