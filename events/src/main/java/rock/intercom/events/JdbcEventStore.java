package rock.intercom.events;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of an {@link EventStore} that is the same for SQLite and PostgreSQL: validation, the
 * details codec, the read path and the listeners. A subclass only says how one row is inserted
 * (its own locking and id source) and when it is closed.
 *
 * <p>Listeners run on the appending thread after the insert returned, outside any lock the
 * subclass holds while inserting.
 */
abstract class JdbcEventStore implements EventStore {

    /** The id the database gave the row and the time stored with it. */
    record InsertedRow(long id, long timeMs) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(JdbcEventStore.class);

    private final EventDetailsCodec codec = new EventDetailsCodec();
    // The event is already stored when listeners hear of it: a broken one must not fail the append.
    private final Listeners<SecurityEvent> listeners = new Listeners<>(
            (event, e) -> LOG.warn("security event listener failed on event {}", event.id(), e));
    private final DataSource readers;

    JdbcEventStore(DataSource readers) {
        this.readers = readers;
    }

    /**
     * Inserts one row, durable when this returns; {@code recordedMs} null stores the store's own
     * clock time. Throws {@link IllegalStateException} when closed.
     */
    abstract InsertedRow insert(NewEvent event, String details, Long recordedMs) throws SQLException;

    /** Inserts rows recorded elsewhere, in order; a store that can does it in one transaction (all or none). */
    List<InsertedRow> insertAll(List<RecordedEvent> events, List<String> details) throws SQLException {
        List<InsertedRow> rows = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            rows.add(insert(events.get(i).event(), details.get(i), events.get(i).time().toEpochMilli()));
        }
        return rows;
    }

    /** Throws {@link IllegalStateException} when the store is closed. */
    abstract void ensureOpen();

    /** Binds the four columns every store inserts, in the order both INSERT statements name them. */
    static void bindRow(PreparedStatement insert, long timeMs, NewEvent event, String details)
            throws SQLException {
        insert.setLong(1, timeMs);
        insert.setString(2, event.deviceId());
        insert.setString(3, event.name());
        insert.setString(4, details);
    }

    @Override
    public final SecurityEvent append(NewEvent event) {
        return store(event, null);
    }

    @Override
    public final SecurityEvent appendRecorded(NewEvent event, Instant time) {
        if (time == null) {
            throw new IllegalArgumentException("time must not be null");
        }
        return store(event, time.toEpochMilli());
    }

    @Override
    public final List<SecurityEvent> appendAllRecorded(List<RecordedEvent> events) {
        List<String> details = new ArrayList<>();
        for (RecordedEvent recorded : events) {
            NewEventRules.check(recorded.event());
            details.add(codec.write(recorded.event().details()));
        }
        List<InsertedRow> rows;
        try {
            rows = insertAll(events, details);
        } catch (SQLException e) {
            throw new EventStoreException("cannot store " + events.size() + " security events", e);
        }
        List<SecurityEvent> stored = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            stored.add(EventRows.stored(rows.get(i).id(), rows.get(i).timeMs(), events.get(i).event(), details.get(i),
                    codec));
        }
        stored.forEach(listeners::tell);
        return stored;
    }

    /** {@code recordedMs} null: now, by the store's clock. */
    private SecurityEvent store(NewEvent event, Long recordedMs) {
        NewEventRules.check(event);
        String details = codec.write(event.details());
        InsertedRow row;
        try {
            row = insert(event, details, recordedMs);
        } catch (SQLException e) {
            throw new EventStoreException("cannot store security event " + event.name(), e);
        }
        SecurityEvent stored = EventRows.stored(row.id(), row.timeMs(), event, details, codec);
        listeners.tell(stored);
        return stored;
    }

    @Override
    public final List<SecurityEvent> query(EventQuery query) {
        if (query == null) {
            throw new IllegalArgumentException("query must not be null");
        }
        ensureOpen();
        return EventRows.query(readers, query, codec);
    }

    @Override
    public final AutoCloseable subscribe(Consumer<SecurityEvent> listener) {
        return listeners.add(listener);
    }
}
