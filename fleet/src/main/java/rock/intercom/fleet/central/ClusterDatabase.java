package rock.intercom.fleet.central;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The PostgreSQL that several portal processes share beyond the registry and the events: sign-in
 * sessions, portal users, API tokens and failed sign-ins, which process holds each device's link
 * (with its live status), the processes' heartbeats, and commands relayed between processes. The
 * tables are created once, under an advisory lock, so processes starting together do not race.
 * Thread-safe (a small pool).
 */
final class ClusterDatabase implements AutoCloseable {

    /** Any constant: the lock that serialises schema creation across processes. */
    static final long SCHEMA_LOCK = 0x16_0016L;
    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS portal_session (id_hash TEXT PRIMARY KEY, username TEXT NOT NULL,"
                + " role TEXT NOT NULL, csrf_token TEXT NOT NULL, expires_ms BIGINT NOT NULL, ends_ms BIGINT NOT NULL,"
                + " stamp TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS portal_session_user ON portal_session (username)",
        "CREATE TABLE IF NOT EXISTS fleet_portal (portal_id TEXT PRIMARY KEY, seen_ms BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS fleet_link (device_id TEXT PRIMARY KEY, portal_id TEXT NOT NULL,"
                + " status_json TEXT NOT NULL, settings_json TEXT, published_ms BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS fleet_relay (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                + " device_id TEXT NOT NULL, origin TEXT NOT NULL, request TEXT NOT NULL, answer TEXT,"
                + " created_ms BIGINT NOT NULL)",
        // Portal users and API tokens: only a bcrypt hash, only a token's SHA-256.
        "CREATE TABLE IF NOT EXISTS portal_user (username TEXT PRIMARY KEY, role TEXT NOT NULL,"
                + " password_hash TEXT NOT NULL, created_ms BIGINT NOT NULL, changed_ms BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS portal_api_token (id TEXT PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE,"
                + " name TEXT NOT NULL, role TEXT NOT NULL, created_by TEXT NOT NULL, created_ms BIGINT NOT NULL,"
                + " revoked_ms BIGINT)",
        "CREATE UNIQUE INDEX IF NOT EXISTS portal_api_token_name ON portal_api_token (name) WHERE revoked_ms IS NULL",
        "CREATE TABLE IF NOT EXISTS portal_sign_in_failure (scope_key TEXT NOT NULL, at_ms BIGINT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS portal_sign_in_failure_key ON portal_sign_in_failure (scope_key, at_ms)",
        "CREATE INDEX IF NOT EXISTS portal_sign_in_failure_at ON portal_sign_in_failure (at_ms)"
    };

    private final HikariDataSource pool;

    private ClusterDatabase(HikariDataSource pool) {
        this.pool = pool;
    }

    static ClusterDatabase open(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("fleet-cluster");
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        HikariDataSource pool = new HikariDataSource(config);
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
            for (String sql : SCHEMA) {
                statement.execute(sql);
            }
            connection.commit();
        } catch (SQLException e) {
            pool.close();
            throw new IllegalStateException("cannot prepare the portal processes' tables: " + e.getMessage(), e);
        }
        return new ClusterDatabase(pool);
    }

    DataSource pool() {
        return pool;
    }

    /** A connection of its own, outside the pool (with the pool's login), e.g. to LISTEN on. */
    Connection dedicated() throws SQLException {
        return DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
    }

    @Override
    public void close() {
        pool.close();
    }
}
