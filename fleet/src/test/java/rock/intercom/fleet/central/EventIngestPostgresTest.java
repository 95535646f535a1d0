package rock.intercom.fleet.central;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import rock.intercom.events.EventQuery;
import rock.intercom.events.EventStore;
import rock.intercom.events.PostgresEventStore;
import rock.intercom.fleet.Wire;
import rock.intercom.testkit.PostgresServer;

/**
 * Two portal processes' ingests of one device on one real PostgreSQL: a device's link moved from A
 * to B and back while A still believed its old mark. Every event is stored once.
 */
class EventIngestPostgresTest {

    @Test
    void twoIngestsWithAStaleMarkStoreEveryEventOnce() throws Exception {
        try (PostgresServer server = PostgresServer.start()) {
            String url = server.createDatabase("ingest");
            try (EventStore storeA = PostgresEventStore.open(url, PostgresServer.USER, "", Clock.systemUTC());
                 EventStore storeB = PostgresEventStore.open(url, PostgresServer.USER, "", Clock.systemUTC())) {
                EventIngest processA = new EventIngest(storeA, Clock.systemUTC());
                EventIngest processB = new EventIngest(storeB, Clock.systemUTC());
                assertThat(processA.ingest("door-1", batch(1, 5))).isEqualTo(5);
                assertThat(processB.ingest("door-1", batch(1, 8))).isEqualTo(8);
                // A still holds mark 5: the database refuses 6..8 again, A reads the mark back, stores 9..10.
                assertThat(processA.ingest("door-1", batch(3, 10))).isEqualTo(10);
                assertThat(localIds(storeA)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            }
        }
    }

    private static ArrayNode batch(long from, long to) {
        ArrayNode batch = Wire.MAPPER.createArrayNode();
        for (long id = from; id <= to; id++) {
            batch.addObject().put("id", id).put("time", 1_700_000_000_000L + id).put("deviceId", "door-1")
                    .put("name", "Input Lost").putObject("details").put("n", id);
        }
        return batch;
    }

    private static List<Long> localIds(EventStore store) {
        return store.query(EventQuery.newest(1000).withDevice("door-1")).stream()
                .map(e -> ((Number) e.details().get(EventIngest.DEVICE_EVENT_ID)).longValue()).sorted().toList();
    }
}
