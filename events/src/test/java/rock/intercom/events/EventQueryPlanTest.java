package rock.intercom.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each filter shape picks its page's ids from a covering index (no table scan, no row read before
 * the limit), which is what keeps queries over 1,000,000 events in milliseconds; the latency
 * figures themselves come from {@code bench/events-query.sh}.
 */
class EventQueryPlanTest {

    private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

    @TempDir
    static Path dataDir;

    private static Connection connection;

    @BeforeAll
    static void open() throws SQLException {
        try (SqliteEventStore store = SqliteEventStore.open(dataDir)) {
            store.append(NewEvent.of("rockx-505", SecurityEventName.DIALING, Map.of()));
        }
        connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(SqliteEventStore.FILE_NAME));
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    static Stream<Arguments> shapes() {
        EventQuery newest = EventQuery.newest(50);
        return Stream.of(
                Arguments.of("name", newest.withNames(Set.of("Dialing")),
                        List.of("COVERING INDEX security_event_name (name=?)")),
                Arguments.of("device", newest.withDevice("rockx-505"),
                        List.of("COVERING INDEX security_event_device (device_id=?)")),
                Arguments.of("device and name", newest.withDevice("rockx-505").withNames(Set.of("Dialing")),
                        List.of("COVERING INDEX security_event_device_name (device_id=? AND name=?)")),
                Arguments.of("two names", newest.withNames(Set.of("Dialing", "Call Failed")),
                        List.of("COVERING INDEX security_event_name (name=?)",
                                "COVERING INDEX security_event_name (name=?)")),
                Arguments.of("deep page", newest.withBeforeId(1000),
                        List.of("INTEGER PRIMARY KEY (rowid<?)")),
                Arguments.of("name, deep page", newest.withNames(Set.of("Dialing")).withBeforeId(1000),
                        List.of("COVERING INDEX security_event_name (name=? AND id<?)")),
                Arguments.of("time range", newest.withRange(T, T.plusSeconds(3600)),
                        List.of("COVERING INDEX security_event_time (time_ms>? AND time_ms<?)")),
                Arguments.of("device and time range", newest.withDevice("rockx-505").withRange(T, T.plusSeconds(3600)),
                        List.of("COVERING INDEX security_event_device_time (device_id=? AND time_ms>? AND time_ms<?)")),
                Arguments.of("name and time range", newest.withNames(Set.of("Dialing")).withRange(T, T.plusSeconds(3600)),
                        List.of("COVERING INDEX security_event_name_time (name=? AND time_ms>? AND time_ms<?)")),
                Arguments.of("device, name and time range", newest.withDevice("rockx-505")
                        .withNames(Set.of("Dialing")).withRange(T, T.plusSeconds(3600)),
                        List.of("COVERING INDEX security_event_device_name_time "
                                + "(device_id=? AND name=? AND time_ms>? AND time_ms<?)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void idsComeFromACoveringIndexAndRowsByPrimaryKey(String row, EventQuery query, List<String> idSearches)
            throws SQLException {
        List<String> plan = plan(query);

        assertThat(plan).noneMatch(step -> step.startsWith("SCAN security_event"));
        assertThat(plan).contains("SEARCH security_event USING INTEGER PRIMARY KEY (rowid=?)");
        List<String> searches = plan.stream()
                .filter(step -> step.startsWith("SEARCH security_event USING") && !step.endsWith("(rowid=?)"))
                .map(step -> step.substring("SEARCH security_event USING ".length()))
                .toList();
        assertThat(searches).containsExactlyElementsOf(idSearches);
    }

    private static List<String> plan(EventQuery query) throws SQLException {
        EventQuerySql sql = EventQuerySql.of(query).orElseThrow();
        List<String> plan = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("EXPLAIN QUERY PLAN " + sql.sql())) {
            sql.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    plan.add(rows.getString("detail"));
                }
            }
        }
        return plan;
    }
}
