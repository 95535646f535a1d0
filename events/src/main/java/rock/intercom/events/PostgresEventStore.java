package rock.intercom.events;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A fleet's security event log in PostgreSQL, shared by many doors. Same table, filters and paging
 * as {@link SqliteEventStore}; schema from {@code db/events/postgresql}. Each append is one
 * committed transaction (PostgreSQL's default {@code synchronous_commit=on} flushes the WAL first);
 * {@link #appendAllRecorded} commits a whole list at once.
 * Ids come from an identity column: increasing in the order appends start, so under concurrent
 * writers a page may briefly miss an id whose transaction commits later.
 *
 * <p>Thread-safe. Listeners run on the appending thread after the commit, outside any lock; with
 * concurrent appends they may see events out of id order.
 */
public final class PostgresEventStore extends JdbcEventStore {

    private static final String INSERT = "INSERT INTO security_event (time_ms, device_id, name, details) "
            + "VALUES (?, ?, ?, CAST(? AS jsonb)) RETURNING id";
    private static final String INSERT_BATCH = "INSERT INTO security_event (time_ms, device_id, name, details) "
            + "VALUES (?, ?, ?, CAST(? AS jsonb))";
    private static final int POOL_SIZE = 4;

    private final HikariDataSource pool;
    private final Clock clock;

    private PostgresEventStore(HikariDataSource pool, Clock clock) {
        super(pool);
        this.pool = pool;
        this.clock = clock;
    }

    /**
     * Connects to {@code jdbcUrl} (e.g. {@code jdbc:postgresql://db:5432/intercom}), migrates the
     * schema and returns the store; event times come from {@code clock}.
     */
    public static PostgresEventStore open(String jdbcUrl, String user, String password, Clock clock) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("security-events-postgres");
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            try (Connection connection = pool.getConnection()) {
                SchemaMigrations.POSTGRESQL.migrate(connection);
            }
            return new PostgresEventStore(pool, clock);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw new EventStoreException("cannot open PostgreSQL event store at " + jdbcUrl, e);
        }
    }

    @Override
    InsertedRow insert(NewEvent event, String details, Long recordedMs) throws SQLException {
        ensureOpen();
        long timeMs = recordedMs != null ? recordedMs : clock.millis();
        try (Connection connection = pool.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            bindRow(insert, timeMs, event, details);
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return new InsertedRow(row.getLong(1), timeMs);
            }
        }
    }

    /**
     * One transaction for the whole list, sent as one JDBC batch: a fleet portal ingests batches of
     * a few hundred events, and a commit (a WAL flush) per event would cap it far below 2,000/s.
     */
    @Override
    List<InsertedRow> insertAll(List<RecordedEvent> events, List<String> details) throws SQLException {
        ensureOpen();
        try (Connection connection = pool.getConnection()) {
            return SqlTransaction.run(connection, () -> insertBatch(connection, events, details));
        }
    }

    private static List<InsertedRow> insertBatch(Connection connection, List<RecordedEvent> events,
            List<String> details) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_BATCH, new String[] {"id"})) {
            for (int i = 0; i < events.size(); i++) {
                bindRow(insert, events.get(i).time().toEpochMilli(), events.get(i).event(), details.get(i));
                insert.addBatch();
            }
            insert.executeBatch();
            List<InsertedRow> rows = new ArrayList<>();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                for (int i = 0; keys.next(); i++) {
                    rows.add(new InsertedRow(keys.getLong(1), events.get(i).time().toEpochMilli()));
                }
            }
            if (rows.size() != events.size()) {
                throw new SQLException(rows.size() + " ids for " + events.size() + " inserted events");
            }
            return rows;
        }
    }

    @Override
    void ensureOpen() {
        if (pool.isClosed()) {
            throw new IllegalStateException("PostgreSQL event store is closed");
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
