package rock.intercom.fleet.central;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import rock.intercom.fleet.Secrets;

/**
 * The central portal's enrolled devices and enrolment tokens, in SQLite ({@code fleet.db} in the
 * data dir) or PostgreSQL (the SQL is common to both). Only hashes of tokens and secrets are kept.
 * Thread-safe: one connection, every method synchronized (a few writes per device per minute).
 */
public final class FleetRegistry implements AutoCloseable {

    /** Device ids name devices in URLs and events: short, lower-case, no markup. */
    public static final Pattern DEVICE_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    public static final int MAX_NAME = 100;

    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS fleet_enrolment_token (token_hash TEXT PRIMARY KEY, created_ms BIGINT NOT NULL,"
                + " expires_ms BIGINT NOT NULL, used_ms BIGINT, device_id TEXT)",
        "CREATE TABLE IF NOT EXISTS fleet_device (device_id TEXT PRIMARY KEY, name TEXT NOT NULL,"
                + " secret_hash TEXT NOT NULL, enrolled_ms BIGINT NOT NULL, revoked_ms BIGINT, last_contact_ms BIGINT,"
                + " settings_json TEXT, backlog BIGINT NOT NULL DEFAULT 0)"
    };

    private final Connection db;
    private final Clock clock;

    private FleetRegistry(Connection db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Opens (creating the tables when needed) the registry at a JDBC URL. */
    public static FleetRegistry open(String jdbcUrl, String user, String password, Clock clock) {
        try {
            Connection db = user == null ? DriverManager.getConnection(jdbcUrl)
                    : DriverManager.getConnection(jdbcUrl, user, password);
            try (Statement statement = db.createStatement()) {
                if (jdbcUrl.startsWith("jdbc:sqlite:")) {
                    // WAL: one fsync per commit and readers beside the writer; FULL keeps a commit durable.
                    statement.execute("PRAGMA journal_mode=WAL");
                    statement.execute("PRAGMA synchronous=FULL");
                    statement.execute("PRAGMA busy_timeout=5000");
                }
                boolean shared = jdbcUrl.startsWith("jdbc:postgresql:");
                if (shared) {
                    // Portal processes starting together must not race to create the same tables.
                    db.setAutoCommit(false);
                    statement.execute("SELECT pg_advisory_xact_lock(" + ClusterDatabase.SCHEMA_LOCK + ")");
                }
                for (String sql : SCHEMA) {
                    statement.execute(sql);
                }
                if (shared) {
                    db.commit();
                    db.setAutoCommit(true);
                }
            }
            return new FleetRegistry(db, clock);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the fleet registry: " + e.getMessage(), e);
        }
    }

    /** A new single-use token valid for {@code validity}; only its hash is stored. */
    public synchronized String createToken(Duration validity) {
        String token = Secrets.newSecret();
        long now = clock.millis();
        update("INSERT INTO fleet_enrolment_token (token_hash, created_ms, expires_ms) VALUES (?, ?, ?)",
                Secrets.hash(token), now, now + validity.toMillis());
        return token;
    }

    /**
     * Spends {@code token} to enrol {@code deviceId}: returns the device's new secret, or empty when
     * the token is unknown, used or expired, or the id is taken by a device that is not revoked.
     */
    public synchronized Optional<String> enrol(String token, String deviceId, String name) {
        if (token == null || token.length() > Secrets.MAX_LENGTH) {
            return Optional.empty();
        }
        String secret = Secrets.newSecret();
        long now = clock.millis();
        try {
            db.setAutoCommit(false);
            boolean spent = update("UPDATE fleet_enrolment_token SET used_ms = ?, device_id = ? WHERE token_hash = ?"
                    + " AND used_ms IS NULL AND expires_ms > ?", now, deviceId, Secrets.hash(token), now) == 1;
            boolean taken = find(deviceId).filter(d -> !d.revoked()).isPresent();
            if (!spent || taken) {
                db.rollback();
                return Optional.empty();
            }
            update("INSERT INTO fleet_device (device_id, name, secret_hash, enrolled_ms) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (device_id) DO UPDATE SET name = excluded.name, secret_hash = excluded.secret_hash,"
                    + " enrolled_ms = excluded.enrolled_ms, revoked_ms = NULL", deviceId, name, Secrets.hash(secret), now);
            db.commit();
            return Optional.of(secret);
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            throw new IllegalStateException("enrolment of " + deviceId + " failed: " + e.getMessage(), e);
        } finally {
            autoCommit();
        }
    }

    /** Whether {@code secret} is the current credential of an enrolled, unrevoked device. */
    public synchronized boolean authenticate(String deviceId, String secret) {
        try (PreparedStatement query = db.prepareStatement(
                "SELECT secret_hash FROM fleet_device WHERE device_id = ? AND revoked_ms IS NULL")) {
            query.setString(1, deviceId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() && Secrets.matches(secret, row.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the fleet registry", e);
        }
    }

    /** Revokes a device's credential: its link is refused from now on. False when no such device. */
    public synchronized boolean revoke(String deviceId) {
        return update("UPDATE fleet_device SET revoked_ms = ? WHERE device_id = ? AND revoked_ms IS NULL",
                clock.millis(), deviceId) == 1;
    }

    /** Remembers what the portal shows of a device while it is offline. */
    public synchronized void remember(String deviceId, long lastContactMs, String settingsJson, long backlog) {
        update("UPDATE fleet_device SET last_contact_ms = ?, settings_json = COALESCE(?, settings_json), backlog = ?"
                + " WHERE device_id = ?", lastContactMs, settingsJson, backlog, deviceId);
    }

    public synchronized List<EnrolledDevice> devices() {
        return select("SELECT * FROM fleet_device ORDER BY device_id", null);
    }

    public synchronized Optional<EnrolledDevice> find(String deviceId) {
        return select("SELECT * FROM fleet_device WHERE device_id = ?", deviceId).stream().findFirst();
    }

    private List<EnrolledDevice> select(String sql, String parameter) {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            if (parameter != null) {
                query.setString(1, parameter);
            }
            List<EnrolledDevice> found = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    // getLong gives 0 for NULL: "never contacted".
                    found.add(new EnrolledDevice(row.getString("device_id"), row.getString("name"),
                            row.getObject("revoked_ms") != null, row.getLong("last_contact_ms"),
                            row.getString("settings_json"), row.getLong("backlog")));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the fleet registry", e);
        }
    }

    private int update(String sql, Object... parameters) {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] == null) {
                    // PostgreSQL cannot infer an untyped null's type; every nullable parameter here is text.
                    statement.setNull(i + 1, java.sql.Types.VARCHAR);
                } else {
                    statement.setObject(i + 1, parameters[i]);
                }
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the fleet registry: " + e.getMessage(), e);
        }
    }

    private void rollbackQuietly() {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // The original failure is what the caller needs to see.
        }
    }

    private void autoCommit() {
        try {
            db.setAutoCommit(true);
        } catch (SQLException e) {
            throw new IllegalStateException("fleet registry connection broken", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // Closing on shutdown.
        }
    }
}
