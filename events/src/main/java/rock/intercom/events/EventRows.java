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
