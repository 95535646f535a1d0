package rock.intercom.fleet.central;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.events.EventQuery;
import rock.intercom.events.SecurityEvent;
import rock.intercom.events.SqliteEventStore;
import rock.intercom.fleet.Wire;

/** Batches sent again (lost acks, a portal restart) are stored once; a device cannot write as another. */
class EventIngestTest {

    @TempDir
    Path dir;

    @Test
    void overlappingAndRepeatedBatchesAreStoredOnceEvenAcrossARestart() {
        try (SqliteEventStore store = SqliteEventStore.open(dir)) {
            EventIngest ingest = new EventIngest(store, java.time.Clock.systemUTC());
            assertThat(ingest.ingest("door-1", batch("door-1", 1, 5))).isEqualTo(5);
            assertThat(ingest.ingest("door-1", batch("door-1", 3, 8))).isEqualTo(8);
            assertThat(ingest.ingest("door-2", batch("door-2", 1, 2))).isEqualTo(2);
            // A restarted portal reads the mark back from the store.
            EventIngest restarted = new EventIngest(store, java.time.Clock.systemUTC());
            assertThat(restarted.mark("door-1")).isEqualTo(8);
            assertThat(restarted.ingest("door-1", batch("door-1", 1, 10))).isEqualTo(10);
            assertThat(localIds(store, "door-1")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            assertThat(localIds(store, "door-2")).containsExactly(1L, 2L);
        }
    }

    @Test
    void theMarkIsFoundBehindManyOfThePortalsOwnEventsAboutTheDevice() {
        try (SqliteEventStore store = SqliteEventStore.open(dir)) {
            new EventIngest(store, java.time.Clock.systemUTC()).ingest("door-1", batch("door-1", 1, 3));
            for (int i = 0; i < 25; i++) {
                // e.g. settings pushed through the portal, audited under the device's id
                store.append(rock.intercom.events.NewEvent.of("door-1", rock.intercom.events.SecurityEventName.INPUT_LOST,
                        java.util.Map.of("n", i)));
            }
            assertThat(new EventIngest(store, java.time.Clock.systemUTC()).mark("door-1")).isEqualTo(3);
            assertThat(new EventIngest(store, java.time.Clock.systemUTC()).mark("door-2")).isZero();
        }
    }

    @Test
    void eventsAreStoredUnderTheLinkedDeviceWhateverTheyClaim() {
        try (SqliteEventStore store = SqliteEventStore.open(dir)) {
            new EventIngest(store, java.time.Clock.systemUTC()).ingest("door-1", batch("door-2", 1, 1));
            SecurityEvent stored = store.query(EventQuery.newest(10)).get(0);
            assertThat(stored.deviceId()).isEqualTo("door-1");
            assertThat(stored.details()).containsEntry("source", "door-2").doesNotContainKey("deviceTime");
        }
    }

    @Test
    void theDevicesTimeIsKeptUnlessImplausible() {
        try (SqliteEventStore store = SqliteEventStore.open(dir)) {
            ArrayNode batch = batch("door-1", 1, 2);
            long future = System.currentTimeMillis() + java.time.Duration.ofDays(30).toMillis();
            ((com.fasterxml.jackson.databind.node.ObjectNode) batch.get(1)).put("time", future);
            new EventIngest(store, java.time.Clock.systemUTC()).ingest("door-1", batch);
            List<SecurityEvent> stored = store.query(EventQuery.newest(10));
            assertThat(stored.get(1).time().toEpochMilli()).isEqualTo(1_700_000_000_001L);
            assertThat(stored.get(1).details()).doesNotContainKey("deviceTime");
            assertThat(stored.get(0).time().toEpochMilli()).isLessThan(future);
            assertThat(stored.get(0).details()).containsEntry("deviceTime", Long.toString(future));
        }
    }

    @Test
    void anEventTheStoreRefusesIsSkippedNotRetriedForEver() {
        try (SqliteEventStore store = SqliteEventStore.open(dir)) {
            ArrayNode batch = batch("door-1", 1, 3);
            ((com.fasterxml.jackson.databind.node.ObjectNode) batch.get(1)).put("name", "No Such Event");
            assertThat(new EventIngest(store, java.time.Clock.systemUTC()).ingest("door-1", batch)).isEqualTo(3);
            assertThat(localIds(store, "door-1")).containsExactly(1L, 3L);
        }
    }

    @Test
    void aGroupOfSeveralDevicesIsStoredOnceInOrderAndABadBatchDoesNotSpoilTheOthers() {
        try (SqliteEventStore store = SqliteEventStore.open(dir)) {
            EventIngest ingest = new EventIngest(store, java.time.Clock.systemUTC());
            ArrayNode bad = batch("door-3", 1, 2);
            ((com.fasterxml.jackson.databind.node.ObjectNode) bad.get(0)).put("name", "No Such Event");
            rock.intercom.events.RecordedEvent audit = new rock.intercom.events.RecordedEvent(
                    rock.intercom.events.NewEvent.of("portal", rock.intercom.events.SecurityEventName.USER_CHANGED,
                            java.util.Map.of("user", "x")), java.time.Instant.now());
            EventIngest.Ingested first = ingest.ingestAll(List.of(new EventIngest.Shipped("door-1", batch("door-1", 1, 3)),
                    new EventIngest.Shipped("door-2", batch("door-2", 1, 2)),
                    new EventIngest.Shipped("door-1", batch("door-1", 2, 5))), List.of(audit));
            assertThat(first.marks()).containsExactly(3, 2, 5);
            assertThat(first.alongside()).hasSize(1);
            // An invalid event spoils the transaction: each batch is then stored on its own, the bad event skipped.
            EventIngest.Ingested second = ingest.ingestAll(List.of(new EventIngest.Shipped("door-3", bad),
                    new EventIngest.Shipped("door-2", batch("door-2", 1, 4))), List.of(audit));
            assertThat(second.marks()).containsExactly(2, 4);
            assertThat(second.alongside()).isNull();
            assertThat(localIds(store, "door-1")).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(localIds(store, "door-2")).containsExactly(1L, 2L, 3L, 4L);
            assertThat(localIds(store, "door-3")).containsExactly(2L);
        }
    }

    private static ArrayNode batch(String claimedDevice, long from, long to) {
        ArrayNode batch = Wire.MAPPER.createArrayNode();
        for (long id = from; id <= to; id++) {
            batch.addObject().put("id", id).put("time", 1_700_000_000_000L + id).put("deviceId", claimedDevice)
                    .put("name", "Input Lost").putObject("details").put("n", id);
        }
        return batch;
    }

    private static List<Long> localIds(SqliteEventStore store, String device) {
        return store.query(EventQuery.newest(1000).withDevice(device)).stream()
                .map(e -> ((Number) e.details().get(EventIngest.DEVICE_EVENT_ID)).longValue()).sorted().toList();
    }
}
