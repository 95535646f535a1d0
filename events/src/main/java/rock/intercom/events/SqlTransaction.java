package rock.intercom.events;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs work in one transaction on a connection that is otherwise in auto-commit: committed when the
 * work returns, rolled back when it throws (the error goes on unchanged), auto-commit again after
 * either, so the connection goes back to its pool or store as it came.
 */
public final class SqlTransaction {

    /** Work that may fail with an {@link SQLException}. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    private SqlTransaction() {
    }

    public static <T> T run(Connection connection, Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
