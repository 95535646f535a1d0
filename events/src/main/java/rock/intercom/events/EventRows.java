package rock.intercom.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Runs an {@link EventQuery} on a JDBC connection of either store and maps its rows. */
final class EventRows {

    private EventRows() {
    }

    /** A query on a connection of {@code source}, failures as {@link EventStoreException}: both stores' reads. */
    static List<SecurityEvent> query(javax.sql.DataSource source, EventQuery query, EventDetailsCodec codec) {
        try (Connection connection = source.getConnection()) {
            return query(connection, query, codec);
        } catch (SQLException e) {
            throw new EventStoreException("cannot query security events", e);
        }
    }

    /** The event as stored, details as a later query returns them (JSON numbers, lists, maps), not the caller's objects. */
    static SecurityEvent stored(long id, long timeMs, NewEvent event, String details, EventDetailsCodec codec) {
        return new SecurityEvent(id, Instant.ofEpochMilli(timeMs), event.deviceId(), event.name(),
                codec.read(details));
    }

    static List<SecurityEvent> query(Connection connection, EventQuery query, EventDetailsCodec codec)
            throws SQLException {
        EventQuerySql sql = EventQuerySql.of(query).orElse(null);
        if (sql == null) {
            return List.of();
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.sql())) {
            sql.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                List<SecurityEvent> events = new ArrayList<>();
                while (rows.next()) {
                    events.add(new SecurityEvent(rows.getLong("id"), Instant.ofEpochMilli(rows.getLong("time_ms")),
                            rows.getString("device_id"), rows.getString("name"), codec.read(rows.getString("details"))));
                }
                return events;
            }
        }
    }
}
