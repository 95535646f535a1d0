package rock.intercom.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rock.intercom.testkit.TestClock;

class SqliteEventStoreTest {

    private static final Instant START = Instant.parse("2026-11-27T10:00:00.123Z");

    @TempDir
    Path dataDir;

    private final TestClock clock = new TestClock(START);
    private SqliteEventStore store;

    @BeforeEach
    void open() {
        store = SqliteEventStore.open(dataDir, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void appendedEventComesBackFromQueryWithItsDetails() {
        Map<String, Object> details = Map.of(
                "direction", "outgoing",
                "remoteParty", "sip:400@10.40.0.224",
                "sipStatus", 486,
                "reason", "Busy Here",
                "callId", "a84b4c76e66710@door",
                "attempt", 2,
                "tried", List.of("400", "401"));

        SecurityEvent stored = store.append(NewEvent.of("rockx-505", SecurityEventName.CALL_FAILED, details));

        assertThat(stored.id()).isPositive();
        assertThat(stored.time()).isEqualTo(START);
        assertThat(stored.deviceId()).isEqualTo("rockx-505");
        assertThat(stored.name()).isEqualTo("Call Failed");
        assertThat(stored.details()).isEqualTo(details);
        assertThat(store.query(EventQuery.newest(10))).containsExactly(stored);
    }

    @Test
    void idsIncreaseAndQueriesReturnNewestFirst() {
        SecurityEvent first = append(SecurityEventName.DIALING);
        clock.advance(Duration.ofSeconds(1));
        SecurityEvent second = append(SecurityEventName.CALL_ESTABLISHED);
        clock.advance(Duration.ofSeconds(1));
        SecurityEvent third = append(SecurityEventName.HANGING_UP);

        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(third.id()).isGreaterThan(second.id());
        assertThat(store.query(EventQuery.newest(10))).containsExactly(third, second, first);
    }

    @Test
    void eventsSurviveReopen() {
        SecurityEvent dialing = append(SecurityEventName.DIALING);
        SecurityEvent failed = append(SecurityEventName.CALL_FAILED);
        store.close();

        store = SqliteEventStore.open(dataDir, clock);
        SecurityEvent afterReopen = append(SecurityEventName.DIALING);

        assertThat(store.query(EventQuery.newest(10))).containsExactly(afterReopen, failed, dialing);
        assertThat(afterReopen.id()).isGreaterThan(failed.id());
    }

    @Test
    void idsAreNotReusedAfterTheNewestRowsAreDeleted() throws SQLException {
        append(SecurityEventName.DIALING);
        SecurityEvent newest = append(SecurityEventName.DIALING);
        store.close();
        try (Connection connection = DriverManager.getConnection(url());
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM security_event WHERE id = " + newest.id());
        }

        store = SqliteEventStore.open(dataDir, clock);

        assertThat(append(SecurityEventName.DIALING).id()).isGreaterThan(newest.id());
    }

    @Test
    void theFileIsInWalModeAndTheWriterSyncsFully() throws SQLException {
        assertThat(store.file()).isEqualTo(dataDir.resolve("events.db")).exists();
        try (Connection connection = DriverManager.getConnection(url());
             Statement statement = connection.createStatement();
             ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
            mode.next();
            assertThat(mode.getString(1)).isEqualTo("wal");
        }
        assertThat(store.writerPragma("synchronous")).isEqualTo("2"); // FULL
    }

    static Stream<Arguments> badEvents() {
        Map<String, Object> oversized = SqliteEventStoreTest.manyFields(40);
        return Stream.of(
                Arguments.of("null event", null, "event must not be null"),
                Arguments.of("null name", new NewEvent("rockx-505", null, Map.of()), "event name must not be null"),
                Arguments.of("unknown name", new NewEvent("rockx-505", "dialing", Map.of()), "unknown event name 'dialing'"),
                Arguments.of("null device", new NewEvent(null, "Dialing", Map.of()), "deviceId must not be blank"),
                Arguments.of("blank device", new NewEvent(" ", "Dialing", Map.of()), "deviceId must not be blank"),
                Arguments.of("long device", new NewEvent("d".repeat(129), "Dialing", Map.of()), "longer than 128"),
                Arguments.of("oversized details", new NewEvent("rockx-505", "Dialing", oversized), "more than the 8192 allowed"),
                Arguments.of("not JSON", new NewEvent("rockx-505", "Dialing", Map.of("socket", new Object())),
                        "not JSON-serialisable"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEvents")
    void badEventIsRejectedClearlyAndStoresNothing(String row, NewEvent event, String message) {
        SecurityEvent before = append(SecurityEventName.DIALING);

        assertThatThrownBy(() -> store.append(event))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);

        assertThat(store.query(EventQuery.newest(10))).containsExactly(before);
        assertThat(append(SecurityEventName.DIALING).id()).isEqualTo(before.id() + 1);
    }

    @Test
    void detailsWithANullValueAreRejectedWhenTheEventIsMade() {
        Map<String, Object> details = new HashMap<>();
        details.put("sipStatus", null);

        assertThatThrownBy(() -> new NewEvent("rockx-505", "Call Failed", details))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sipStatus=null");
    }

    /** {@code n} fields of {@link NewEvent#MAX_TEXT_CHARS} characters: about 260 bytes of JSON each. */
    static Map<String, Object> manyFields(int n) {
        Map<String, Object> details = new HashMap<>();
        for (int i = 0; i < n; i++) {
            details.put(String.format("k%02d", i), "x".repeat(NewEvent.MAX_TEXT_CHARS));
        }
        return details;
    }

    @Test
    void detailsJustUnderTheLimitAreStored() {
        // 30 × ("k00":"…256…",) ≈ 7,800 bytes of JSON.
        SecurityEvent stored = store.append(new NewEvent("rockx-505", "Call Failed", manyFields(30)));

        assertThat(store.query(EventQuery.newest(1))).containsExactly(stored);
    }

    @Test
    void remoteTextLongerThanTheBoundIsCutWithAMarkerNotDropped() {
        // A caller with a 9,000-character Call-ID is still recorded (issue 11).
        String callId = "c".repeat(9_000);
        SecurityEvent stored = store.append(new NewEvent("rockx-505", "Call Rejected",
                Map.of("callId", callId, "from", java.util.List.of("f".repeat(300)), "sipStatus", 403)));

        assertThat(stored.details().get("callId")).isEqualTo("c".repeat(NewEvent.MAX_TEXT_CHARS) + "… [cut: 9000 chars]");
        assertThat(stored.details().get("from")).isEqualTo(java.util.List.of("f".repeat(NewEvent.MAX_TEXT_CHARS) + "… [cut: 300 chars]"));
        assertThat(stored.details().get("sipStatus")).isEqualTo(403);
        assertThat(store.query(EventQuery.newest(1))).containsExactly(stored);
    }

    @Test
    void aFileThatIsNotAnEventDatabaseFailsToOpenClearly() throws Exception {
        Path other = dataDir.resolve("other");
        java.nio.file.Files.createDirectories(other);
        java.nio.file.Files.writeString(other.resolve("events.db"), "not a database, just text ".repeat(200));

        assertThatThrownBy(() -> SqliteEventStore.open(other, clock))
                .isInstanceOf(EventStoreException.class)
                .hasMessageContaining("cannot open event store " + other.resolve("events.db"));
    }

    @Test
    void aClosedStoreRefusesWork() {
        store.close();

        assertThatThrownBy(() -> append(SecurityEventName.DIALING)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.query(EventQuery.newest(1))).isInstanceOf(IllegalStateException.class);
    }

    private SecurityEvent append(SecurityEventName name) {
        return store.append(NewEvent.of("rockx-505", name, Map.of("direction", "outgoing")));
    }

    private String url() {
        return "jdbc:sqlite:" + dataDir.resolve("events.db");
    }
}
