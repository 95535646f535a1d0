package rock.intercom.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A decorator that overrides nothing behaves as the SQLite store under it, every call of the interface. */
class ForwardingEventStoreTest {

    @TempDir
    Path dataDir;

    @Test
    void everyCallReachesTheStoreUnderneath() throws Exception {
        SqliteEventStore sqlite = SqliteEventStore.open(dataDir);
        EventStore forwarding = new ForwardingEventStore(sqlite) { };
        List<SecurityEvent> heard = new CopyOnWriteArrayList<>();
        AutoCloseable subscription = forwarding.subscribe(heard::add);

        SecurityEvent own = forwarding.append(NewEvent.of("door-1", SecurityEventName.DIALING, Map.of()));
        Instant elsewhere = Instant.parse("2026-01-02T03:04:05Z");
        SecurityEvent recorded = forwarding.appendRecorded(
                NewEvent.of("door-2", SecurityEventName.DOOR_OPENED, Map.of()), elsewhere);
        List<SecurityEvent> batch = forwarding.appendAllRecorded(List.of(
                new RecordedEvent(NewEvent.of("door-2", SecurityEventName.CALL_ESTABLISHED, Map.of()), elsewhere)));
        subscription.close();

        assertThat(recorded.time()).isEqualTo(elsewhere);
        assertThat(heard).containsExactly(own, recorded, batch.get(0));
        assertThat(sqlite.query(EventQuery.newest(5))).containsExactly(batch.get(0), recorded, own);
        assertThat(forwarding.query(EventQuery.newest(5))).isEqualTo(sqlite.query(EventQuery.newest(5)));

        forwarding.close();
        assertThatThrownBy(() -> sqlite.query(EventQuery.newest(1))).isInstanceOf(RuntimeException.class);
    }
}
