package rock.intercom.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event store's schema brought up to date when it opens: the versioned scripts of one dialect
 * ({@code db/events/<dialect>/V<n>__<what>.sql}) that the database lacks, run in version order and
 * recorded in {@value #TABLE}, all in one transaction that holds the database's write lock (SQLite)
 * or an advisory lock (PostgreSQL, where several portal processes may open one database together).
 * A database Flyway migrated (its history, {@value #FLYWAY_TABLE}) keeps its data: the versions
 * Flyway applied are carried over, not run again. Flyway itself cost a door ~300 classes and a
 * good part of the store's half-second open (start-up, issue 15).
 */
final class SchemaMigrations {

    /** Declared before the dialects' lists below, which it checks as they are built. */
    private static final Pattern SCRIPT_NAME = Pattern.compile("V(\\d+)__\\w+\\.sql");
    static final String TABLE = "events_schema_version";
    /** Where Flyway kept the versions it applied (the store's migrations before this class). */
    static final String FLYWAY_TABLE = "events_schema_history";

    /** The SQLite scripts, oldest first; SchemaMigrationsTest checks the list against the folder. */
    static final SchemaMigrations SQLITE = new SchemaMigrations(Dialect.SQLITE, "db/events/sqlite",
            List.of("V1__security_events.sql"));
    /** The PostgreSQL scripts, oldest first. */
    static final SchemaMigrations POSTGRESQL = new SchemaMigrations(Dialect.POSTGRESQL, "db/events/postgresql",
            List.of("V1__security_events.sql", "V2__shipped_event_once.sql"));

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);
    /** PostgreSQL advisory lock key of this schema's migrations: any fixed number no other lock uses ("rock-ev1"). */
    private static final long POSTGRES_LOCK = 0x726f636b2d657631L;

    /** How a dialect names its tables and takes the lock that serialises migrations. */
    enum Dialect {
        SQLITE("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"),
        POSTGRESQL("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?");

        private final String tableExists;

        Dialect(String tableExists) {
            this.tableExists = tableExists;
        }
    }

    private final Dialect dialect;
    private final String location;
    private final List<String> scripts;

    SchemaMigrations(Dialect dialect, String location, List<String> scripts) {
        this.dialect = dialect;
        this.location = location;
        this.scripts = scripts;
        for (int i = 0; i < scripts.size(); i++) {
            if (version(scripts.get(i)) != i + 1) {
                throw new IllegalArgumentException("migration " + (i + 1) + " of " + location + " is " + scripts.get(i));
            }
        }
    }

    /** The scripts' file names, oldest first. */
    List<String> scripts() {
        return scripts;
    }

    /** Applies the scripts the database lacks; returns the schema's version afterwards. */
    int migrate(Connection connection) throws SQLException {
        return inLockedTransaction(connection, () -> {
            TreeSet<Integer> applied = applied(connection);
            for (String script : scripts) {
                int version = version(script);
                if (applied.contains(version)) {
                    continue;
                }
                try (Statement statement = connection.createStatement()) {
                    for (String sql : SqlScript.statements(read(script))) {
                        statement.execute(sql);
                    }
                }
                record(connection, version, script);
                applied.add(version);
                log.debug("event store schema: applied {}", script);
            }
            return applied.isEmpty() ? 0 : applied.last();
        });
    }

    /** The versions already in the database: ours, or on first open after Flyway, Flyway's. */
    private TreeSet<Integer> applied(Connection connection) throws SQLException {
        TreeSet<Integer> applied = new TreeSet<>();
        if (tableExists(connection, TABLE)) {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT version FROM " + TABLE)) {
                while (rows.next()) {
                    applied.add(rows.getInt(1));
                }
            }
            return applied;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + TABLE
                    + " (version INTEGER PRIMARY KEY, script TEXT NOT NULL, applied_ms BIGINT NOT NULL)");
        }
        if (tableExists(connection, FLYWAY_TABLE)) {
            // Failed rows (success false) were not applied; the schema-creation marker has no version.
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT version, script FROM " + FLYWAY_TABLE
                         + " WHERE success AND version IS NOT NULL")) {
                while (rows.next()) {
                    int version = flywayVersion(rows.getString(1));
                    record(connection, version, rows.getString(2));
                    applied.add(version);
                }
            }
            log.info("event store schema: carried over versions {} from Flyway's {}", applied, FLYWAY_TABLE);
        }
        return applied;
    }

    private static int flywayVersion(String version) throws SQLException {
        try {
            return Integer.parseInt(version.strip());
        } catch (NumberFormatException e) {
            throw new SQLException(FLYWAY_TABLE + " has version " + version + ", not one of this store's scripts");
        }
    }

    private boolean tableExists(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(dialect.tableExists)) {
            query.setString(1, table);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    private static void record(Connection connection, int version, String script) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + TABLE + " (version, script, applied_ms) VALUES (?, ?, ?)")) {
            insert.setInt(1, version);
            insert.setString(2, script);
            insert.setLong(3, System.currentTimeMillis());
            insert.executeUpdate();
        }
    }

    private <T> T inLockedTransaction(Connection connection, SqlTransaction.Work<T> work) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            return SqlTransaction.run(connection, () -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT pg_advisory_xact_lock(" + POSTGRES_LOCK + ")");
                }
                return work.run();
            });
        }
        // IMMEDIATE takes the write lock first (waiting out the busy timeout), so a second opener
        // cannot read the old version and then fail to upgrade its lock.
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                T result = work.run();
                statement.execute("COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    statement.execute("ROLLBACK");
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        }
    }

    private String read(String script) throws SQLException {
        String path = location + "/" + script;
        try (InputStream in = SchemaMigrations.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new SQLException("migration script " + path + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SQLException("cannot read migration script " + path, e);
        }
    }

    static int version(String script) {
        Matcher name = SCRIPT_NAME.matcher(script);
        if (!name.matches()) {
            throw new IllegalArgumentException("not a migration script name (V<n>__<what>.sql): " + script);
        }
        return Integer.parseInt(name.group(1));
    }
}
