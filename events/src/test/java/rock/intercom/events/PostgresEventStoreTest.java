package rock.intercom.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import rock.intercom.testkit.PostgresServer;
import rock.intercom.testkit.TestClock;

/**
 * {@link PostgresEventStore} against a real PostgreSQL started for this class: the shared filter
 * contract plus round trip, reopen, bad input, listeners and concurrent writers.
 */
class PostgresEventStoreTest extends EventQueryFilterContract {

    private static final Instant START = Instant.parse("2026-11-27T10:00:00.123Z");
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private PostgresServer server;

    private PostgresServer server() {
        if (server == null) {
            try {
                server = PostgresServer.start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start PostgreSQL for the test", e);
            }
        }
        return server;
    }

    @Override
    EventStore openEmptyStore(TestClock clock) {
        return open(newDatabase(), clock);
    }

    @AfterAll
    void stopServer() {
        closeStore(); // before the server goes away
        if (server != null) {
            server.close();
        }
    }

    @Test
    void appendedEventComesBackWithItsDetailsAndSurvivesReopen() {
        String url = newDatabase();
        TestClock clock = new TestClock(START);
        Map<String, Object> details = Map.of("direction", "incoming", "remoteParty", "sip:400@10.40.0.224",
                "sipStatus", 603, "callId", "pg-1", "attempt", 1, "tried", List.of("400"));
        SecurityEvent first;
        SecurityEvent second;
        try (PostgresEventStore store = open(url, clock)) {
            first = store.append(NewEvent.of("rockx-505", SecurityEventName.CALL_REJECTED, details));
            second = store.append(NewEvent.of("rockx-505", SecurityEventName.INCOMING_CALL, Map.of()));
        }
        assertThat(first.time()).isEqualTo(START);
        assertThat(second.id()).isGreaterThan(first.id());

        try (PostgresEventStore reopened = open(url, clock)) {
            assertThat(reopened.query(EventQuery.newest(10))).containsExactly(second, first);
            assertThat(reopened.query(EventQuery.newest(10)).get(1).details()).isEqualTo(details);
        }
    }

    @Test
    void aDatabaseFlywayMigratedOpensWithItsEventsAndIsNotMigratedAgain() throws Exception {
        String url = newDatabase();
        org.flywaydb.core.Flyway.configure().dataSource(url, PostgresServer.USER, "")
                .locations("classpath:db/events/postgresql").table(SchemaMigrations.FLYWAY_TABLE).load().migrate();
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(url, PostgresServer.USER, "");
             java.sql.Statement statement = db.createStatement()) {
            statement.execute("INSERT INTO security_event (time_ms, device_id, name, details) "
                    + "VALUES (1764979200000, 'rockx-505', 'Door Opened', '{\"by\":\"dtmf\"}')");
        }

        try (PostgresEventStore store = open(url, new TestClock(START))) {
            assertThat(store.query(EventQuery.newest(10))).singleElement()
                    .satisfies(event -> assertThat(event.details()).isEqualTo(Map.of("by", "dtmf")));
            assertThat(store.append(NewEvent.of("rockx-505", SecurityEventName.INCOMING_CALL, Map.of())).id())
                    .isEqualTo(2);
        }
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(url, PostgresServer.USER, "");
             java.sql.Statement statement = db.createStatement();
             java.sql.ResultSet rows = statement.executeQuery(
                     "SELECT version FROM " + SchemaMigrations.TABLE + " ORDER BY version")) {
            List<Integer> versions = new ArrayList<>();
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
            assertThat(versions).containsExactly(1, 2);
        }
    }

    @Test
    void aShippedListIsStoredWholeInOrderAndASecondCopyOfAShippedEventRefusesTheWholeList() {
        try (PostgresEventStore store = open(newDatabase(), Clock.systemUTC())) {
            List<RecordedEvent> shipped = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                shipped.add(new RecordedEvent(NewEvent.of("rockx-505", SecurityEventName.DIALING,
                        Map.of("deviceEventId", i)), START.plusSeconds(i)));
            }
            List<SecurityEvent> stored = store.appendAllRecorded(shipped);
            assertThat(stored).extracting(SecurityEvent::time)
                    .containsExactly(START.plusSeconds(1), START.plusSeconds(2), START.plusSeconds(3));
            assertThat(stored).isSortedAccordingTo(Comparator.comparingLong(SecurityEvent::id));
            assertThat(store.query(EventQuery.newest(10))).containsExactlyInAnyOrderElementsOf(stored);

            // Another portal process ingesting the same device: event 3 again, with a new event 4.
            List<RecordedEvent> overlapping = List.of(
                    new RecordedEvent(NewEvent.of("rockx-505", SecurityEventName.DIALING,
                            Map.of("deviceEventId", 4)), START.plusSeconds(4)),
                    shipped.get(2));
            assertThatThrownBy(() -> store.appendAllRecorded(overlapping)).isInstanceOf(EventStoreException.class);
            assertThat(store.query(EventQuery.newest(10))).hasSize(3);
            // The same local id from another device is another event.
            store.appendAllRecorded(List.of(new RecordedEvent(NewEvent.of("rockx-506", SecurityEventName.DIALING,
                    Map.of("deviceEventId", 3)), START)));
            assertThat(store.query(EventQuery.newest(10))).hasSize(4);
        }
    }

    @Test
    void badEventIsRejectedAndNothingIsStored() {
        try (PostgresEventStore store = open(newDatabase(), Clock.systemUTC())) {
            Map<String, Object> oversized = SqliteEventStoreTest.manyFields(40);

            assertThatThrownBy(() -> store.append(new NewEvent("rockx-505", null, Map.of())))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name must not be null");
            assertThatThrownBy(() -> store.append(new NewEvent("rockx-505", "Dialing", oversized)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than the 8192 allowed");
            assertThat(store.query(EventQuery.newest(10))).isEmpty();
        }
    }

    @Test
    void concurrentWritersGetUniqueIncreasingIdsAndListenersSeeEveryEvent() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (PostgresEventStore store = open(newDatabase(), Clock.systemUTC())) {
            List<SecurityEvent> published = new CopyOnWriteArrayList<>();
            store.subscribe(published::add);
            store.subscribe(event -> {
                throw new IllegalStateException("isolated");
            });
            List<Future<List<SecurityEvent>>> writers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                String device = "door-" + w;
                writers.add(pool.submit(() -> {
                    List<SecurityEvent> mine = new ArrayList<>();
                    for (int i = 0; i < 40; i++) {
                        mine.add(store.append(NewEvent.of(device, SecurityEventName.DIALING, Map.of("attempt", i))));
                    }
                    return mine;
                }));
            }
            List<SecurityEvent> acknowledged = new ArrayList<>();
            for (Future<List<SecurityEvent>> writer : writers) {
                List<SecurityEvent> mine = writer.get(60, TimeUnit.SECONDS);
                assertThat(mine).isSortedAccordingTo(Comparator.comparingLong(SecurityEvent::id));
                acknowledged.addAll(mine);
            }

            assertThat(acknowledged).extracting(SecurityEvent::id).doesNotHaveDuplicates().hasSize(120);
            assertThat(store.query(EventQuery.newest(200))).containsExactlyInAnyOrderElementsOf(acknowledged);
            assertThat(published).containsExactlyInAnyOrderElementsOf(acknowledged);
        } finally {
            pool.shutdownNow();
        }
    }

    private String newDatabase() {
        try {
            return server().createDatabase("events_" + DATABASES.incrementAndGet());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create a test database", e);
        }
    }

    private static PostgresEventStore open(String url, Clock clock) {
        return PostgresEventStore.open(url, PostgresServer.USER, "", clock);
    }
}
