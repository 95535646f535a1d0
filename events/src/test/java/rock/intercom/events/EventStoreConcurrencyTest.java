package rock.intercom.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventStoreConcurrencyTest {

    private static final int WRITERS = 4;
    private static final int EVENTS_PER_WRITER = 100;

    @TempDir
    Path dataDir;

    @Test
    void concurrentWritersAndReadersLoseNothingAndIdsStayUnique() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
        try (SqliteEventStore store = SqliteEventStore.open(dataDir)) {
            List<SecurityEvent> published = new CopyOnWriteArrayList<>();
            store.subscribe(published::add);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<SecurityEvent>>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                String device = "door-" + w;
                writers.add(pool.submit(() -> {
                    start.await();
                    List<SecurityEvent> mine = new ArrayList<>();
                    for (int i = 0; i < EVENTS_PER_WRITER; i++) {
                        mine.add(store.append(NewEvent.of(device, SecurityEventName.DIALING, Map.of("attempt", i))));
                    }
                    return mine;
                }));
            }
            Future<Integer> reader = pool.submit(() -> {
                start.await();
                int reads = 0;
                while (writers.stream().anyMatch(f -> !f.isDone())) {
                    List<SecurityEvent> page = store.query(EventQuery.newest(50));
                    assertThat(page).isSortedAccordingTo(Comparator.comparingLong(SecurityEvent::id).reversed());
                    reads++;
                }
                return reads;
            });
            start.countDown();

            List<SecurityEvent> acknowledged = new ArrayList<>();
            for (Future<List<SecurityEvent>> writer : writers) {
                List<SecurityEvent> mine = writer.get(60, TimeUnit.SECONDS);
                // Each writer sees its own ids strictly increasing.
                assertThat(mine).isSortedAccordingTo(Comparator.comparingLong(SecurityEvent::id));
                assertThat(mine).extracting(SecurityEvent::id).doesNotHaveDuplicates();
                acknowledged.addAll(mine);
            }
            assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();

            int total = WRITERS * EVENTS_PER_WRITER;
            assertThat(acknowledged).extracting(SecurityEvent::id).doesNotHaveDuplicates().hasSize(total);
            List<SecurityEvent> stored = new ArrayList<>();
            List<SecurityEvent> page = store.query(EventQuery.newest(EventQuery.MAX_LIMIT));
            stored.addAll(page);
            assertThat(stored).containsExactlyInAnyOrderElementsOf(acknowledged);
            assertThat(published).containsExactlyInAnyOrderElementsOf(acknowledged);
            Set<String> devices = stored.stream().map(SecurityEvent::deviceId).collect(Collectors.toSet());
            assertThat(devices).hasSize(WRITERS);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
