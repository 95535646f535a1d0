package rock.intercom.fleet.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.events.NewEvent;
import rock.intercom.events.SecurityEvent;
import rock.intercom.events.SecurityEventName;
import rock.intercom.events.SqliteEventStore;

/** The outbox yields every event after the acknowledged one, oldest first, in bounded batches. */
class EventOutboxTest {

    @TempDir
    Path dir;

    @Test
    void batchesCoverEveryEventInOrderWithoutRepeats() {
        try (SqliteEventStore store = SqliteEventStore.open(dir)) {
            for (int i = 0; i < 257; i++) {
                store.append(NewEvent.of("door-1", SecurityEventName.INPUT_LOST, Map.of("n", i)));
            }
            EventOutbox outbox = new EventOutbox(store);
            assertThat(outbox.newestId()).isEqualTo(257);
            List<Long> shipped = new ArrayList<>();
            long acked = 0;
            for (List<SecurityEvent> batch = outbox.after(acked, 100); !batch.isEmpty();
                    batch = outbox.after(acked, 100)) {
                assertThat(batch.size()).isLessThanOrEqualTo(100);
                batch.forEach(e -> shipped.add(e.id()));
                acked = batch.get(batch.size() - 1).id();
            }
            assertThat(shipped).hasSize(257).isSorted().doesNotHaveDuplicates();
            assertThat(shipped.get(0)).isEqualTo(1);
        }
    }

    @Test
    void gapsInTheIdsAreCrossed() {
        // Ids 1-3, then 500-504 (e.g. a store restored from a backup): the outbox widens its window.
        GappedStore store = new GappedStore(List.of(1L, 2L, 3L, 500L, 501L, 502L, 503L, 504L));
        EventOutbox outbox = new EventOutbox(store);
        List<Long> shipped = new ArrayList<>();
        long acked = 3;
        for (List<SecurityEvent> batch = outbox.after(acked, 2); !batch.isEmpty(); batch = outbox.after(acked, 2)) {
            assertThat(batch.size()).isLessThanOrEqualTo(2);
            batch.forEach(e -> shipped.add(e.id()));
            acked = batch.get(batch.size() - 1).id();
        }
        assertThat(shipped).containsExactly(500L, 501L, 502L, 503L, 504L);
    }

    /** An event store whose ids are given, answering queries newest first below an id. */
    private record GappedStore(List<Long> ids) implements rock.intercom.events.EventStore {
        @Override
        public SecurityEvent append(NewEvent event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<SecurityEvent> query(rock.intercom.events.EventQuery query) {
            return ids.stream().sorted(java.util.Comparator.reverseOrder())
                    .filter(id -> query.beforeId() == null || id < query.beforeId()).limit(query.limit())
                    .map(id -> new SecurityEvent(id, java.time.Instant.EPOCH, "door-1", "Input Lost", Map.of()))
                    .toList();
        }

        @Override
        public AutoCloseable subscribe(java.util.function.Consumer<SecurityEvent> listener) {
            return () -> { };
        }

        @Override
        public void close() {
        }
    }

    @Test
    void anAcknowledgementBeyondSmallBatchesStillFindsTheNextEvent() {
        try (SqliteEventStore store = SqliteEventStore.open(dir)) {
            for (int i = 0; i < 40; i++) {
                store.append(NewEvent.of("door-1", SecurityEventName.INPUT_LOST, Map.of("n", i)));
            }
            EventOutbox outbox = new EventOutbox(store);
            assertThat(outbox.after(37, 2)).extracting(SecurityEvent::id).containsExactly(38L, 39L);
            assertThat(outbox.after(40, 2)).isEmpty();
            assertThat(outbox.after(0, 3)).extracting(SecurityEvent::id).containsExactly(1L, 2L, 3L);
        }
    }
}
