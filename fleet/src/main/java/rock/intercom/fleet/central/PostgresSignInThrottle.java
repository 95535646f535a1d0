package rock.intercom.fleet.central;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import rock.intercom.fleet.Secrets;
import rock.intercom.portal.auth.SignInThrottle;

/**
 * Failed sign-ins counted in the PostgreSQL the portal processes share ({@code
 * portal_sign_in_failure}: one row per failure and scope), so guesses spread over several
 * processes lock as soon as guesses at one would. A scope is locked for {@code lockout} after its
 * latest failure when at least its limit of failures fell within {@code window} before that one.
 * Keys are stored as SHA-256 (no user names or addresses in the table). Bounded: rows older than
 * window + lockout are deleted at each failure, and past {@link #MAX_ROWS} the oldest go (a flood
 * from many addresses). Two processes counting the same limit's last failure at once may both, or
 * neither, report it as the one that tripped (the Sign-In Locked event); the lock itself holds.
 * Thread-safe.
 */
final class PostgresSignInThrottle implements SignInThrottle {

    static final int MAX_ROWS = 200_000;
    private static final int CAP_EVERY = 256;
    private static final String WHAT = "the sign-in failures";

    private final DataSource db;
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Duration lockout;
    private final AtomicLong failures = new AtomicLong();

    PostgresSignInThrottle(DataSource db, Clock clock, int maxFailures, Duration window, Duration lockout) {
        this.db = db;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
        this.lockout = lockout;
    }

    @Override
    public Optional<Duration> retryAfter(String username, String ip) {
        long now = clock.millis();
        Map<Scope, long[]> latest = SharedSql.run(db, WHAT, connection -> latest(connection, username, ip, now));
        long until = 0;
        for (Map.Entry<Scope, long[]> entry : latest.entrySet()) {
            long last = entry.getValue()[0];
            if (entry.getValue()[1] >= entry.getKey().limit(maxFailures) && last + lockout.toMillis() > now) {
                until = Math.max(until, last + lockout.toMillis());
            }
        }
        return until == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(until - now));
    }

    @Override
    public Optional<Scope> failed(String username, String ip) {
        long now = clock.millis();
        return SharedSql.run(db, WHAT, connection -> {
            for (Scope scope : Scope.values()) {
                SharedSql.update(connection, "INSERT INTO portal_sign_in_failure (scope_key, at_ms) VALUES (?, ?)",
                        key(scope, username, ip), now);
            }
            SharedSql.update(connection, "DELETE FROM portal_sign_in_failure WHERE at_ms < ?",
                    now - window.toMillis() - lockout.toMillis());
            if (failures.incrementAndGet() % CAP_EVERY == 0) {
                SharedSql.update(connection, "DELETE FROM portal_sign_in_failure WHERE at_ms < (SELECT at_ms FROM"
                        + " portal_sign_in_failure ORDER BY at_ms DESC OFFSET ? LIMIT 1)", MAX_ROWS);
            }
            Map<Scope, long[]> latest = latest(connection, username, ip, now);
            for (Scope scope : Scope.values()) {
                long[] seen = latest.get(scope);
                if (seen != null && seen[1] == scope.limit(maxFailures)) {
                    return Optional.of(scope);
                }
            }
            return Optional.<Scope>empty();
        });
    }

    @Override
    public void succeeded(String username, String ip) {
        SharedSql.update(db, WHAT, "DELETE FROM portal_sign_in_failure WHERE scope_key IN (?, ?)",
                key(Scope.USER_AND_ADDRESS, username, ip), key(Scope.USER, username, ip));
    }

    /** Per scope failed since {@code now - lockout}: its latest failure and the count in the window before it. */
    private Map<Scope, long[]> latest(Connection connection, String username, String ip, long now)
            throws SQLException {
        Map<String, Scope> byKey = new java.util.HashMap<>();
        for (Scope scope : Scope.values()) {
            byKey.put(key(scope, username, ip), scope);
        }
        Map<Scope, long[]> out = new EnumMap<>(Scope.class);
        Array keys = connection.createArrayOf("text", byKey.keySet().toArray());
        try (PreparedStatement query = SharedSql.prepare(connection, "SELECT l.scope_key, l.last, (SELECT count(*)"
                + " FROM portal_sign_in_failure f WHERE f.scope_key = l.scope_key AND f.at_ms >= l.last - ?)"
                + " FROM (SELECT scope_key, max(at_ms) AS last FROM portal_sign_in_failure WHERE scope_key = ANY(?)"
                + " GROUP BY scope_key) l WHERE l.last > ?", window.toMillis(), keys, now - lockout.toMillis());
             ResultSet row = query.executeQuery()) {
            while (row.next()) {
                out.put(byKey.get(row.getString(1)), new long[] {row.getLong(2), row.getLong(3)});
            }
        }
        return out;
    }

    private static String key(Scope scope, String username, String ip) {
        return Secrets.hash(scope.key(String.valueOf(username), String.valueOf(ip)));
    }
}
