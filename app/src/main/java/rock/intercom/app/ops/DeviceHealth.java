package rock.intercom.app.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import rock.intercom.events.EventQuery;

/**
 * The liveness summary of {@code GET /api/v1/health}: the call thread answers, the event store
 * accepts writes, and where registration stands. No secrets, no peer-supplied text beyond the
 * server address the status API shows anyway. {@code DOWN} when the call thread or the store does
 * not work; {@code DEGRADED} when alive but SIP is enabled and not registered. Thread-safe.
 */
public final class DeviceHealth {

    /** How long the call thread may take to run a no-op before it counts as stuck. */
    public static final Duration CALL_THREAD_WITHIN = Duration.ofSeconds(2);

    private final BooleanSupplier callThreadAlive;
    private final TimedEventStore events;
    /** The SQLite file's directory, or null for a PostgreSQL store (its writes are checked by failures only). */
    private final Path eventsDir;
    private final Supplier<JsonNode> registration;
    /** How long one verdict is reused. */
    static final Duration CACHE_FOR = Duration.ofSeconds(1);
    private ObjectNode cached;
    private long cachedAt;

    public DeviceHealth(BooleanSupplier callThreadAlive, TimedEventStore events, Path eventsDir,
            Supplier<JsonNode> registration) {
        this.callThreadAlive = callThreadAlive;
        this.events = events;
        this.eventsDir = eventsDir;
        this.registration = registration;
    }

    /**
     * The route is open to anyone: a flood of checks must not flood the call thread's queue or the
     * store, so one verdict serves every caller for {@link #CACHE_FOR}.
     */
    public synchronized ObjectNode check() {
        long now = System.nanoTime();
        if (cached == null || now - cachedAt >= CACHE_FOR.toNanos()) {
            cached = evaluate();
            cachedAt = now;
        }
        return cached.deepCopy();
    }

    private ObjectNode evaluate() {
        ObjectNode health = JsonNodeFactory.instance.objectNode();
        boolean callThread = callThreadAlive.getAsBoolean();
        String store = eventStore();
        JsonNode reg = registration.get();
        String state = reg.path("state").asText("UNKNOWN");
        String status = !callThread || !store.equals("ok") ? "DOWN"
                : state.equals("REGISTERED") || state.equals("DISABLED") ? "UP" : "DEGRADED";
        health.put("status", status);
        ObjectNode checks = health.putObject("checks");
        checks.put("callThread", callThread ? "ok" : "not responding");
        checks.put("eventStore", store);
        ObjectNode sip = checks.putObject("registration");
        sip.put("state", state);
        sip.set("lastKeepaliveRttMs", reg.path("lastKeepaliveRttMs"));
        return health;
    }

    private String eventStore() {
        var failure = events.lastFailure();
        if (failure.isPresent()) {
            return "last append failed at " + failure.get().at() + " (" + failure.get().reason() + ")";
        }
        if (eventsDir != null && !Files.isWritable(eventsDir)) {
            return "data directory not writable";
        }
        try {
            events.query(EventQuery.newest(1));
            return "ok";
        } catch (RuntimeException e) {
            return "query failed (" + e.getClass().getSimpleName() + ")";
        }
    }
}
