package rock.intercom.fleet.central;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What a table really holds, as text (one line per row), for tests that check no secret is stored. */
final class StoredRows {

    private StoredRows() {
    }

    static String of(ClusterDatabase db, String query) {
        try (Connection connection = db.pool().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            StringBuilder text = new StringBuilder();
            while (rows.next()) {
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    text.append(rows.getString(i)).append(' ');
                }
                text.append('\n');
            }
            return text.toString();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
