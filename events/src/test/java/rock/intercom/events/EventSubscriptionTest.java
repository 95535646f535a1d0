package rock.intercom.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventSubscriptionTest {

    @TempDir
    Path dataDir;

    private SqliteEventStore store;

    @BeforeEach
    void open() {
        store = SqliteEventStore.open(dataDir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void listenerSeesTheEventAlreadyCommitted() {
        List<List<SecurityEvent>> seenByQuery = new CopyOnWriteArrayList<>();
        store.subscribe(event -> seenByQuery.add(store.query(EventQuery.newest(5))));

        SecurityEvent dialing = append(SecurityEventName.DIALING);

        assertThat(seenByQuery).containsExactly(List.of(dialing));
    }

    @Test
    void aThrowingListenerNeitherFailsTheAppendNorSilencesTheOthers() {
        List<SecurityEvent> received = new CopyOnWriteArrayList<>();
        store.subscribe(event -> {
            throw new IllegalStateException("portal socket gone");
        });
        store.subscribe(received::add);

        SecurityEvent dialing = append(SecurityEventName.DIALING);

        assertThat(received).containsExactly(dialing);
        assertThat(store.query(EventQuery.newest(5))).containsExactly(dialing);
    }

    @Test
    void listenerRunsOutsideTheStoreLock() throws Exception {
        // A listener that waits for another thread's append would deadlock if called under the write lock.
        List<SecurityEvent> fromOtherThread = new CopyOnWriteArrayList<>();
        store.subscribe(event -> {
            if (event.name().equals("Dialing")) {
                fromOtherThread.add(CompletableFuture.supplyAsync(() -> append(SecurityEventName.CALL_ESTABLISHED))
                        .orTimeout(5, TimeUnit.SECONDS).join());
            }
        });

        append(SecurityEventName.DIALING);

        assertThat(fromOtherThread).singleElement().extracting(SecurityEvent::name).isEqualTo("Call Established");
    }

    @Test
    void closingTheSubscriptionStopsDelivery() throws Exception {
        List<SecurityEvent> received = new CopyOnWriteArrayList<>();
        AutoCloseable subscription = store.subscribe(received::add);
        SecurityEvent first = append(SecurityEventName.DIALING);

        subscription.close();
        append(SecurityEventName.HANGING_UP);

        assertThat(received).containsExactly(first);
    }

    @Test
    void aRejectedEventIsNotPublished() {
        List<SecurityEvent> received = new CopyOnWriteArrayList<>();
        store.subscribe(received::add);

        try {
            store.append(new NewEvent("rockx-505", "nonsense", Map.of()));
        } catch (IllegalArgumentException expected) {
            // the rejection itself is covered by SqliteEventStoreTest
        }

        assertThat(received).isEmpty();
    }

    private SecurityEvent append(SecurityEventName name) {
        return store.append(NewEvent.of("rockx-505", name, Map.of()));
    }
}
