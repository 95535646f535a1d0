package rock.intercom.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rock.intercom.events.NewEvent;
import rock.intercom.events.SecurityEventName;
import rock.intercom.events.SqliteEventStore;

/** What each combination of call thread, event store and registration reports. */
class DeviceHealthTest {

    @TempDir
    Path dir;
    private SqliteEventStore store;

    @BeforeEach
    void open() {
        store = SqliteEventStore.open(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @ParameterizedTest(name = "call thread {0}, store {1}, {2} -> {3}")
    @CsvSource({
            "true,  ok,     REGISTERED,   UP",
            "true,  ok,     DISABLED,     UP",
            "true,  ok,     REGISTERING,  DEGRADED",
            "true,  ok,     FAILED,       DEGRADED",
            "false, ok,     REGISTERED,   DOWN",
            "true,  closed, REGISTERED,   DOWN"})
    void reports(boolean callThread, String storeState, String registration, String status) {
        TimedEventStore events = new TimedEventStore(store, new SimpleMeterRegistry());
        events.append(NewEvent.of("rockx-505", SecurityEventName.REGISTERED, Map.of()));
        if (storeState.equals("closed")) {
            store.close();
            try {
                events.append(NewEvent.of("rockx-505", SecurityEventName.REGISTERED, Map.of()));
            } catch (RuntimeException expected) {
                // The failure is what the health check must remember.
            }
        }
        ObjectNode reg = JsonNodeFactory.instance.objectNode().put("state", registration)
                .put("lastKeepaliveRttMs", 3).put("lastFailureReason", "secret-free");
        ObjectNode health = new DeviceHealth(() -> callThread, events, dir, () -> reg).check();

        assertThat(health.path("status").asText()).isEqualTo(status);
        assertThat(health.path("checks").path("callThread").asText()).isEqualTo(callThread ? "ok" : "not responding");
        assertThat(health.path("checks").path("eventStore").asText())
                .satisfies(s -> assertThat(s.equals("ok")).isEqualTo(storeState.equals("ok")));
        assertThat(health.path("checks").path("registration").path("state").asText()).isEqualTo(registration);
    }

    @org.junit.jupiter.api.Test
    void aFloodOfAnonymousChecksProbesTheCallThreadOncePerSecond() {
        java.util.concurrent.atomic.AtomicInteger probes = new java.util.concurrent.atomic.AtomicInteger();
        DeviceHealth health = new DeviceHealth(() -> probes.incrementAndGet() > 0,
                new TimedEventStore(store, new SimpleMeterRegistry()), dir,
                () -> JsonNodeFactory.instance.objectNode().put("state", "REGISTERED"));
        for (int i = 0; i < 1000; i++) {
            assertThat(health.check().path("status").asText()).isEqualTo("UP");
        }
        assertThat(probes.get()).isBetween(1, 3);
    }
}
