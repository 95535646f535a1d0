package rock.intercom.fleet.central;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import rock.intercom.events.SqlTransaction;
import javax.sql.DataSource;

/**
 * Small pieces of JDBC the portal processes' shared tables all use: bind and run one statement,
 * and run a unit of work as one transaction under a PostgreSQL advisory lock, so that a rule
 * spanning rows (the last administrator, at most 100 tokens, the first administrator) holds with
 * several processes writing at once. A failure keeps its cause; a rule's IllegalArgumentException
 * rolls back and reaches the caller as it is.
 */
final class SharedSql {

    /** Work on one connection. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private SharedSql() {
    }

    /** Binds {@code parameters} in order (a null binds as text, which PostgreSQL can type). */
    static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] == null) {
                statement.setNull(i + 1, java.sql.Types.VARCHAR);
            } else {
                statement.setObject(i + 1, parameters[i]);
            }
        }
        return statement;
    }

    static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    /** One statement on a pooled connection; {@code what} names the data in the error. */
    static int update(DataSource db, String what, String sql, Object... parameters) {
        return run(db, what, connection -> update(connection, sql, parameters));
    }

    /** {@code work} on a pooled connection in auto-commit. */
    static <T> T run(DataSource db, String what, Work<T> work) {
        try (Connection connection = db.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach " + what + ": " + e.getMessage(), e);
        }
    }

    /** {@code work} as one transaction holding advisory lock {@code lock} until it commits or rolls back. */
    static <T> T locked(DataSource db, long lock, String what, Work<T> work) {
        return run(db, what, connection -> SqlTransaction.run(connection, () -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + lock + ")");
            }
            return work.run(connection);
        }));
    }
}
