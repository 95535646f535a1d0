package rock.intercom.events;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;

/**
 * A fleet's security event log in PostgreSQL, shared by many doors. Same table, filters and paging
 * as {@link SqliteEventStore}; schema from {@code db/events/postgresql}. Each append is one
 * committed transaction (PostgreSQL's default {@code synchronous_commit=on} flushes the WAL first).
 * Ids come from an identity column: increasing in the order appends start, so under concurrent
 * writers a page may briefly miss an id whose transaction commits later.
 *
 * <p>Thread-safe. Listeners run on the appending thread after the commit, outside any lock; with
 * concurrent appends they may see events out of id order.
 */
public final class PostgresEventStore implements EventStore {

    private static final String INSERT = "INSERT INTO security_event (time_ms, device_id, name, details) "
            + "VALUES (?, ?, ?, CAST(? AS jsonb)) RETURNING id";
    private static final int POOL_SIZE = 4;

    private final HikariDataSource pool;
    private final Clock clock;
    private final EventDetailsCodec codec = new EventDetailsCodec();
    private final EventListeners listeners = new EventListeners();

    private PostgresEventStore(HikariDataSource pool, Clock clock) {
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
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/events/postgresql")
                    .table("events_schema_history")
                    .load()
                    .migrate();
            return new PostgresEventStore(pool, clock);
        } catch (RuntimeException e) {
            pool.close();
            throw new EventStoreException("cannot open PostgreSQL event store at " + jdbcUrl, e);
        }
    }

    @Override
    public SecurityEvent append(NewEvent event) {
        return store(event, null);
    }

    @Override
    public SecurityEvent appendRecorded(NewEvent event, java.time.Instant time) {
        if (time == null) {
            throw new IllegalArgumentException("time must not be null");
        }
        return store(event, time.toEpochMilli());
    }

    /** {@code recordedMs} null: now. */
    private SecurityEvent store(NewEvent event, Long recordedMs) {
        NewEventRules.check(event);
        String details = codec.write(event.details());
        ensureOpen();
        long timeMs = recordedMs != null ? recordedMs : clock.millis();
        long id;
        try (Connection connection = pool.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setLong(1, timeMs);
            insert.setString(2, event.deviceId());
            insert.setString(3, event.name());
            insert.setString(4, details);
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                id = row.getLong(1);
            }
        } catch (SQLException e) {
            throw new EventStoreException("cannot store security event " + event.name(), e);
        }
        SecurityEvent stored = EventRows.stored(id, timeMs, event, details, codec);
        listeners.publish(stored);
        return stored;
    }

    @Override
    public List<SecurityEvent> query(EventQuery query) {
        if (query == null) {
            throw new IllegalArgumentException("query must not be null");
        }
        ensureOpen();
        return EventRows.query(pool, query, codec);
    }

    @Override
    public AutoCloseable subscribe(Consumer<SecurityEvent> listener) {
        return listeners.add(listener);
    }

    private void ensureOpen() {
        if (pool.isClosed()) {
            throw new IllegalStateException("PostgreSQL event store is closed");
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
