package rock.intercom.fleet.central;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import rock.intercom.fleet.Secrets;
import rock.intercom.portal.Role;
import rock.intercom.portal.auth.PortalSession;
import rock.intercom.portal.auth.PortalUser;
import rock.intercom.portal.auth.SessionRecords;

/**
 * Sign-in sessions in the PostgreSQL that the portal processes share: a session made on one
 * process works on every other. Only the SHA-256 of a session id is stored (a database dump does
 * not sign anyone in). A renewed idle expiry is written at most once a {@link #RENEW_STEP}; lapsed
 * sessions are deleted as new ones are made. Thread-safe.
 */
final class PostgresSessionRecords implements SessionRecords {

    static final Duration RENEW_STEP = Duration.ofMinutes(1);

    private final DataSource db;
    private final Clock clock;

    PostgresSessionRecords(DataSource db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public void put(PortalSession session) {
        update("INSERT INTO portal_session (id_hash, username, role, csrf_token, expires_ms, ends_ms, stamp)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id_hash) DO UPDATE SET expires_ms = excluded.expires_ms",
                Secrets.hash(session.id()), session.user().username(), session.user().role().name(),
                session.csrfToken(), session.expiresAt().toEpochMilli(), session.endsAt().toEpochMilli(),
                session.stamp());
        // Bounded without a sweeper thread: every sign-in clears what has lapsed.
        update("DELETE FROM portal_session WHERE expires_ms < ? OR ends_ms < ?", clock.millis(), clock.millis());
    }

    @Override
    public Optional<PortalSession> get(String id) {
        if (id == null || id.length() > Secrets.MAX_LENGTH) {
            return Optional.empty();
        }
        try (Connection connection = db.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT * FROM portal_session WHERE id_hash = ?")) {
            query.setString(1, Secrets.hash(id));
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new PortalSession(id,
                        new PortalUser(row.getString("username"), Role.valueOf(row.getString("role"))),
                        row.getString("csrf_token"), Instant.ofEpochMilli(row.getLong("expires_ms")),
                        Instant.ofEpochMilli(row.getLong("ends_ms")), row.getString("stamp")));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read sessions: " + e.getMessage(), e);
        }
    }

    @Override
    public void remove(String id) {
        if (id != null && id.length() <= Secrets.MAX_LENGTH) {
            update("DELETE FROM portal_session WHERE id_hash = ?", Secrets.hash(id));
        }
    }

    @Override
    public void removeAllOf(String username, String keep) {
        update("DELETE FROM portal_session WHERE username = ? AND id_hash <> ?", username,
                keep == null ? "" : Secrets.hash(keep));
    }

    @Override
    public Duration renewStep() {
        return RENEW_STEP;
    }

    private void update(String sql, Object... parameters) {
        SharedSql.update(db, "the sessions", sql, parameters);
    }
}
