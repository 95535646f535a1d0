package rock.intercom.events;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The SELECT for an {@link EventQuery}, newest first, in SQL that SQLite and PostgreSQL both run.
 * One name is an equality filter; several names become one index walk per name (each stopping
 * after {@code limit} rows) merged by id, because {@code name IN (...) ORDER BY id DESC} would make
 * the database read and sort every matching row before it could apply the limit.
 */
final class EventQuerySql {

    static final String COLUMNS = "id, time_ms, device_id, name, details";

    private final String sql;
    private final List<Object> parameters;

    private EventQuerySql(String sql, List<Object> parameters) {
        this.sql = sql;
        this.parameters = List.copyOf(parameters);
    }

    static EventQuerySql of(EventQuery query) {
        List<Object> parameters = new ArrayList<>();
        if (query.names().size() <= 1) {
            String name = query.names().isEmpty() ? null : query.names().iterator().next();
            return new EventQuerySql(select(query, name, parameters), parameters);
        }
        StringBuilder union = new StringBuilder();
        int n = 0;
        // Sorted so that the same filter always gives the same text (statement caches, logs).
        for (String name : new TreeSet<>(query.names())) {
            if (n > 0) {
                union.append(" UNION ALL ");
            }
            union.append("SELECT * FROM (").append(select(query, name, parameters)).append(") AS n").append(n++);
        }
        parameters.add(query.limit());
        String sql = "SELECT " + COLUMNS + " FROM (" + union + ") AS page ORDER BY id DESC LIMIT ?";
        return new EventQuerySql(sql, parameters);
    }

    private static String select(EventQuery query, String name, List<Object> parameters) {
        List<String> conditions = new ArrayList<>();
        if (query.deviceId() != null) {
            conditions.add("device_id = ?");
            parameters.add(query.deviceId());
        }
        if (name != null) {
            conditions.add("name = ?");
            parameters.add(name);
        }
        if (query.from() != null) {
            conditions.add("time_ms >= ?");
            parameters.add(query.from().toEpochMilli());
        }
        if (query.to() != null) {
            conditions.add("time_ms < ?");
            parameters.add(query.to().toEpochMilli());
        }
        if (query.beforeId() != null) {
            conditions.add("id < ?");
            parameters.add(query.beforeId());
        }
        parameters.add(query.limit());
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return "SELECT " + COLUMNS + " FROM security_event" + where + " ORDER BY id DESC LIMIT ?";
    }

    String sql() {
        return sql;
    }

    List<Object> parameters() {
        return parameters;
    }

    void bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }
}
