package rock.intercom.settings;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings in force on a running device, changed without restart. {@link #apply} validates,
 * persists, swaps and then notifies, in that order; a rejected or unsaved candidate changes
 * nothing, neither the store nor memory.
 *
 * <p>Threading: any thread may call any method. Applies are serialised by one lock that covers
 * validate, persist and swap; {@link #current()} is a lock-free read of the last swapped value.
 * Subscribers are called after the swap, outside that lock, one change at a time and in apply
 * order: the applying thread delivers, and if another thread is already delivering, that thread
 * delivers this change too (so a subscriber may itself call apply). A subscriber that throws is
 * logged and skipped; the others still run and the change stays applied.
 */
public final class LiveSettings {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSettings.class);

    private final SettingsValidator validator;
    private final SettingsStore store;
    private final Object applyLock = new Object();
    private final CopyOnWriteArrayList<Consumer<SettingsChange>> subscribers = new CopyOnWriteArrayList<>();
    private final Queue<SettingsChange> undelivered = new ArrayDeque<>(); // guarded by itself
    private boolean delivering; // guarded by undelivered
    private volatile DeviceSettings current;

    /** Starts from settings already loaded and valid (e.g. {@link SettingsFile#load()}). */
    public LiveSettings(DeviceSettings initial, SettingsValidator validator, SettingsStore store) {
        validator.check(initial);
        this.current = initial;
        this.validator = validator;
        this.store = store;
    }

    /** The settings in force now. */
    public DeviceSettings current() {
        return current;
    }

    /**
     * Makes {@code candidate} the settings in force.
     *
     * @return the applied settings
     * @throws SettingsRejected with every field error; nothing changed
     * @throws SettingsNotSaved when the store failed; nothing changed in memory
     */
    public DeviceSettings apply(DeviceSettings candidate) {
        Objects.requireNonNull(candidate, "candidate");
        DeviceSettings applied;
        synchronized (applyLock) {
            applied = swap(candidate);
        }
        deliverPending();
        return applied;
    }

    /**
     * Applies an update from a client that does not see passwords: omitted passwords keep the
     * stored ones, empty ones clear them ({@link SecretMerge}), merged against the current settings
     * under the same lock so no concurrent apply is lost.
     */
    public DeviceSettings applyUpdate(DeviceSettings update) {
        Objects.requireNonNull(update, "update");
        DeviceSettings applied;
        synchronized (applyLock) {
            applied = swap(SecretMerge.merge(current, update));
        }
        deliverPending();
        return applied;
    }

    /** Calls {@code subscriber} after every applied change; close the result to stop. */
    public AutoCloseable subscribe(Consumer<SettingsChange> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    private DeviceSettings swap(DeviceSettings candidate) {
        // Runs under applyLock; delivery happens after the caller's synchronized block ends.
        validator.check(candidate);
        DeviceSettings previous = current;
        if (candidate.equals(previous)) {
            return previous;
        }
        try {
            store.save(candidate);
        } catch (IOException e) {
            throw new SettingsNotSaved(e);
        }
        current = candidate;
        LOG.info("Settings of device {} applied", candidate.device().id());
        synchronized (undelivered) {
            undelivered.add(new SettingsChange(previous, candidate));
        }
        return candidate;
    }

    /** Delivers queued changes in order unless another thread already is; runs with applyLock released. */
    private void deliverPending() {
        while (true) {
            SettingsChange change;
            synchronized (undelivered) {
                if (delivering || undelivered.isEmpty()) {
                    return;
                }
                change = undelivered.poll();
                delivering = true;
            }
            try {
                for (Consumer<SettingsChange> subscriber : subscribers) {
                    notifyOne(subscriber, change);
                }
            } finally {
                synchronized (undelivered) {
                    delivering = false;
                }
            }
        }
    }

    private static void notifyOne(Consumer<SettingsChange> subscriber, SettingsChange change) {
        try {
            subscriber.accept(change);
        } catch (RuntimeException e) {
            LOG.warn("A settings subscriber failed; the change stays applied and other subscribers were notified", e);
        }
    }
}
