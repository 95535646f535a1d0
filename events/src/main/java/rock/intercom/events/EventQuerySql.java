package rock.intercom.events;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The SELECT for an {@link EventQuery}, newest first, in SQL that SQLite and PostgreSQL both run.
 * It picks the page's ids first, from indexes alone, then reads only those rows: a time range
 * matching thousands of events then costs a top-{@code limit} pass over index entries instead of
 * reading and sorting thousands of rows. One name is an equality filter; several names become one
 * index walk per name (each stopping after {@code limit} ids) merged by id, because
 * {@code name IN (...) ORDER BY id DESC} would make the database collect every matching row first.
 */
final class EventQuerySql {

    static final String COLUMNS = "id, time_ms, device_id, name, details";

    private final String sql;
    private final List<Object> parameters;

    private EventQuerySql(String sql, List<Object> parameters) {
        this.sql = sql;
        this.parameters = List.copyOf(parameters);
    }

    /** The SQL for {@code query}, or empty when it names only events no store records (nothing can match). */
    static Optional<EventQuerySql> of(EventQuery query) {
        // Stores only record known names, so unknown ones cannot match; dropping them also bounds
        // the number of UNION branches (SQLite allows 500) whatever a client sends.
        // Sorted so that the same filter always gives the same text (statement caches, logs).
        Set<String> names = new TreeSet<>();
        query.names().stream().filter(n -> SecurityEventName.fromLabel(n).isPresent()).forEach(names::add);
        if (!query.names().isEmpty() && names.isEmpty()) {
            return Optional.empty();
        }
        List<Object> parameters = new ArrayList<>();
        String ids;
        if (names.size() <= 1) {
            String name = names.isEmpty() ? null : names.iterator().next();
            ids = selectIds(query, name, parameters);
        } else {
            StringBuilder union = new StringBuilder();
            int n = 0;
            for (String name : names) {
                if (n > 0) {
                    union.append(" UNION ALL ");
                }
                union.append("SELECT id FROM (").append(selectIds(query, name, parameters)).append(") AS n").append(n++);
            }
            parameters.add(query.limit());
            ids = "SELECT id FROM (" + union + ") AS page ORDER BY id DESC LIMIT ?";
        }
        String sql = "SELECT " + COLUMNS + " FROM security_event WHERE id IN (" + ids + ") ORDER BY id DESC";
        return Optional.of(new EventQuerySql(sql, parameters));
    }

    private static String selectIds(EventQuery query, String name, List<Object> parameters) {
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
        return "SELECT id FROM security_event" + where + " ORDER BY id DESC LIMIT ?";
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
