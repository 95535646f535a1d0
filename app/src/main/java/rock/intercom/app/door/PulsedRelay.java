package rock.intercom.app.door;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A relay driven by two writes, on and off, with the release scheduled on a thread of its own so
 * that the caller (the call thread, a portal request) never waits for the pulse. Thread-safe.
 */
abstract class PulsedRelay implements DoorRelay {

    private static final Logger log = LoggerFactory.getLogger(PulsedRelay.class);

    private final ScheduledExecutorService releaser = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "door-relay");
        thread.setDaemon(true);
        return thread;
    });
    private ScheduledFuture<?> release;

    /** Drives the relay output; throws when the output cannot be written. */
    abstract void write(boolean energised) throws Exception;

    @Override
    public synchronized void pulse(Duration length) {
        try {
            write(true);
        } catch (Exception e) {
            throw new IllegalStateException("door relay: " + e.getMessage(), e);
        }
        if (release != null) {
            release.cancel(false);
        }
        release = releaser.schedule(this::releaseNow, length.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void releaseNow() {
        try {
            write(false);
        } catch (Exception e) {
            log.error("door relay could not be released: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        boolean pending = release != null && release.cancel(false);
        releaser.shutdownNow();
        if (pending) {
            releaseNow();
        }
    }
}
