package rock.intercom.app.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import rock.intercom.events.EventStore;
import rock.intercom.events.ForwardingEventStore;
import rock.intercom.events.NewEvent;
import rock.intercom.events.SecurityEvent;

/**
 * An {@link EventStore} that times every durable append ({@code intercom_event_store_append_seconds},
 * fsync included) and remembers the last failure for the health check. Thread-safe, as the store.
 */
public final class TimedEventStore extends ForwardingEventStore {

    /** The last append that failed, or null while appends succeed. */
    public record Failure(Instant at, String reason) {
    }

    private final Timer appends;
    private final Timer failures;
    private final AtomicReference<Failure> lastFailure = new AtomicReference<>();

    public TimedEventStore(EventStore store, MeterRegistry registry) {
        super(store);
        this.appends = timer("ok", registry);
        this.failures = timer("failed", registry);
    }

    /** Both results share one histogram layout: Prometheus needs one type per name. */
    private static Timer timer(String result, MeterRegistry registry) {
        return Timer.builder("intercom_event_store_append")
                .description("Time to append one security event durably (on disk before it returns)")
                .tag("result", result)
                .serviceLevelObjectives(BUCKETS).register(registry);
    }

    /** fsync on flash takes 1-20 ms; beyond 100 ms a call's events lag behind the call. */
    private static final java.time.Duration[] BUCKETS = {java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(5),
        java.time.Duration.ofMillis(20), java.time.Duration.ofMillis(100), java.time.Duration.ofMillis(500)};

    @Override
    public SecurityEvent append(NewEvent event) {
        long start = System.nanoTime();
        try {
            SecurityEvent stored = store().append(event);
            appends.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            lastFailure.set(null);
            return stored;
        } catch (RuntimeException e) {
            failures.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            lastFailure.set(new Failure(Instant.now(), e.getClass().getSimpleName()));
            throw e;
        }
    }

    /** The last append failure since the last success, if any. */
    public java.util.Optional<Failure> lastFailure() {
        return java.util.Optional.ofNullable(lastFailure.get());
    }
}
