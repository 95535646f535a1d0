package rock.intercom.events;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.sql.Statement;
import java.time.Clock;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The device's security event log in an embedded SQLite file, {@value #FILE_NAME} under the data
 * directory. One writer connection, guarded by a lock, in WAL mode with {@code synchronous=FULL}:
 * each append is its own transaction and SQLite fsyncs the WAL before the commit returns, so an
 * acknowledged event survives {@code kill -9} and power loss. Queries use a small pool of
 * connections and run beside the writer (WAL readers do not block it).
 *
 * <p>Thread-safe. Listeners run on the appending thread after the commit, outside the lock; with
 * concurrent appends they may see events out of id order.
 */
public final class SqliteEventStore extends JdbcEventStore {

    public static final String FILE_NAME = "events.db";

    private static final String INSERT =
            "INSERT INTO security_event (time_ms, device_id, name, details) VALUES (?, ?, ?, ?)";
    private static final int BUSY_TIMEOUT_MS = 5_000;
    private static final int READERS = 2;

    private final Path file;
    private final Clock clock;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Connection writer;
    private final PreparedStatement insert;
    private final PreparedStatement lastId;
    private final HikariDataSource readers;
    private volatile boolean closed;

    private SqliteEventStore(Path file, Clock clock, Connection writer, HikariDataSource readers) throws SQLException {
        super(readers);
        this.file = file;
        this.clock = clock;
        this.writer = writer;
        this.readers = readers;
        this.insert = writer.prepareStatement(INSERT);
        this.lastId = writer.prepareStatement("SELECT last_insert_rowid()");
    }

    /** Opens (creating and migrating when needed) the store under {@code dataDir}, with UTC system time. */
    public static SqliteEventStore open(Path dataDir) {
        return open(dataDir, Clock.systemUTC());
    }

    /** Opens the store under {@code dataDir}; event times come from {@code clock}. */
    public static SqliteEventStore open(Path dataDir, Clock clock) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new EventStoreException("cannot create event data directory " + dataDir, e);
        }
        SQLiteDataSource source = dataSource(file);
        Connection writer = null;
        HikariDataSource readers = null;
        try {
            writer = source.getConnection();
            SchemaMigrations.SQLITE.migrate(writer);
            readers = readerPool(source);
            SqliteEventStore store = new SqliteEventStore(file, clock, writer, readers);
            store.optimize();
            return store;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(writer);
            if (readers != null) {
                readers.close();
            }
            throw new EventStoreException("cannot open event store " + file, e);
        }
    }

    private static SQLiteDataSource dataSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: the WAL is fsynced at every commit; NORMAL (the WAL default) may lose the last
        // commits on power loss, which would break "durable before acknowledged".
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return source;
    }

    private static HikariDataSource readerPool(SQLiteDataSource source) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(source);
        config.setPoolName("security-events-read");
        config.setMaximumPoolSize(READERS);
        config.setMinimumIdle(1);
        return new HikariDataSource(config);
    }

    /** Lets SQLite refresh its planner statistics when they are stale (cheap when they are not). */
    private void optimize() throws SQLException {
        try (Statement statement = writer.createStatement()) {
            statement.execute("PRAGMA optimize");
        }
    }

    /** The database file, for diagnostics and backups. */
    public Path file() {
        return file;
    }

    /** The writer connection's value of a PRAGMA such as {@code synchronous}; lets tests check durability settings. */
    String writerPragma(String pragma) {
        if (!pragma.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a pragma name: " + pragma);
        }
        writeLock.lock();
        try (Statement statement = writer.createStatement();
             ResultSet value = statement.executeQuery("PRAGMA " + pragma)) {
            value.next();
            return value.getString(1);
        } catch (SQLException e) {
            throw new EventStoreException("cannot read PRAGMA " + pragma, e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    InsertedRow insert(NewEvent event, String details, Long recordedMs) throws SQLException {
        writeLock.lock();
        try {
            ensureOpen();
            // Read the clock under the lock so that times follow id order whenever the clock does.
            long timeMs = recordedMs != null ? recordedMs : clock.millis();
            return insertRow(event, details, timeMs);
        } finally {
            writeLock.unlock();
        }
    }

    /** One transaction, so one fsync, for the whole list: a fleet portal ingests batches. */
    @Override
    List<InsertedRow> insertAll(List<RecordedEvent> events, List<String> details) throws SQLException {
        writeLock.lock();
        try {
            ensureOpen();
            return SqlTransaction.run(writer, () -> {
                List<InsertedRow> rows = new java.util.ArrayList<>();
                for (int i = 0; i < events.size(); i++) {
                    rows.add(insertRow(events.get(i).event(), details.get(i), events.get(i).time().toEpochMilli()));
                }
                return rows;
            });
        } finally {
            writeLock.unlock();
        }
    }

    private InsertedRow insertRow(NewEvent event, String details, long timeMs) throws SQLException {
        bindRow(insert, timeMs, event, details);
        insert.executeUpdate();
        try (ResultSet row = lastId.executeQuery()) {
            row.next();
            return new InsertedRow(row.getLong(1), timeMs);
        }
    }

    @Override
    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("event store " + file + " is closed");
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeQuietly(insert);
            closeQuietly(lastId);
            closeQuietly(writer);
        } finally {
            writeLock.unlock();
        }
        readers.close();
    }

    private static void closeQuietly(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            // Closing on shutdown or after a failed open: nothing more to do with the resource.
        }
    }
}
