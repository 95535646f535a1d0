package rock.intercom.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.testkit.TestClock;

/**
 * The SQLite store's own migrations: each script once, in one transaction, and a database that
 * Flyway migrated (every door before SchemaMigrations) opening with its events.
 */
class SchemaMigrationsTest {

    private static final Instant START = Instant.parse("2026-12-06T10:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void theListedScriptsAreExactlyTheFolders() throws Exception {
        assertThat(SchemaMigrations.SQLITE.scripts()).isEqualTo(folder("sqlite"));
        assertThat(SchemaMigrations.POSTGRESQL.scripts()).isEqualTo(folder("postgresql"));
    }

    @Test
    void aNewDatabaseGetsEachScriptOnceAndAReopenRunsNone() throws Exception {
        SqliteEventStore.open(dataDir).close();
        List<String> first = versions();
        SqliteEventStore.open(dataDir).close();

        assertThat(first).containsExactly("1 V1__security_events.sql");
        assertThat(versions()).isEqualTo(first);
    }

    @Test
    void aDatabaseFlywayMigratedOpensWithItsEventsAndIsNotMigratedAgain() throws Exception {
        Flyway.configure().dataSource(url(), null, null).locations("classpath:db/events/sqlite")
                .table(SchemaMigrations.FLYWAY_TABLE).load().migrate();
        try (Connection db = DriverManager.getConnection(url()); Statement statement = db.createStatement()) {
            statement.execute("INSERT INTO security_event (time_ms, device_id, name, details) "
                    + "VALUES (1764979200000, 'rockx-505', 'Door Opened', '{\"by\":\"dtmf\"}')");
        }

        try (SqliteEventStore store = SqliteEventStore.open(dataDir, new TestClock(START))) {
            List<SecurityEvent> kept = store.query(EventQuery.newest(10));
            assertThat(kept).singleElement().satisfies(event -> {
                assertThat(event.id()).isEqualTo(1);
                assertThat(event.deviceId()).isEqualTo("rockx-505");
                assertThat(event.details()).isEqualTo(Map.of("by", "dtmf"));
            });
            SecurityEvent next = store.append(NewEvent.of("rockx-505", SecurityEventName.INCOMING_CALL, Map.of()));
            assertThat(next.id()).isEqualTo(2);
        }
        assertThat(versions()).containsExactly("1 V1__security_events.sql");
    }

    @Test
    void aFailingScriptLeavesNothingOfItsRun() throws Exception {
        SchemaMigrations broken = new SchemaMigrations(SchemaMigrations.Dialect.SQLITE, "db/events/test-broken",
                List.of("V1__made.sql", "V2__broken.sql"));
        try (Connection db = DriverManager.getConnection(url())) {
            assertThatThrownBy(() -> broken.migrate(db)).isInstanceOf(SQLException.class);
            assertThat(tables(db)).doesNotContain("made_by_v1", "made_by_v2", SchemaMigrations.TABLE);
            assertThat(db.getAutoCommit()).isTrue();
        }
    }

    @Test
    void storesOpeningTogetherMigrateOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<SqliteEventStore>> opening = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                opening.add(pool.submit(() -> SqliteEventStore.open(dataDir)));
            }
            for (Future<SqliteEventStore> store : opening) {
                store.get().close();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(versions()).containsExactly("1 V1__security_events.sql");
    }

    private String url() {
        return "jdbc:sqlite:" + dataDir.resolve(SqliteEventStore.FILE_NAME).toAbsolutePath();
    }

    private List<String> versions() throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(url()); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT version, script FROM " + SchemaMigrations.TABLE + " ORDER BY version")) {
            while (rows.next()) {
                versions.add(rows.getInt(1) + " " + rows.getString(2));
            }
        }
        return versions;
    }

    private static List<String> tables(Connection db) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    private static List<String> folder(String dialect) throws Exception {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/events", dialect))) {
            return files.map(file -> file.getFileName().toString())
                    .sorted((a, b) -> Integer.compare(SchemaMigrations.version(a), SchemaMigrations.version(b)))
                    .toList();
        }
    }
}
