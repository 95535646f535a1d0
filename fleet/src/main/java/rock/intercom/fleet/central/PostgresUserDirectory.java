package rock.intercom.fleet.central;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import rock.intercom.portal.Role;
import rock.intercom.portal.auth.FirstAdministrator;
import rock.intercom.portal.auth.PasswordHashes;
import rock.intercom.portal.auth.PortalUser;
import rock.intercom.portal.auth.UserDirectory;
import rock.intercom.portal.auth.UserRules;

/**
 * Portal users in the PostgreSQL the portal processes share ({@code portal_user}: name, role,
 * bcrypt hash). Read through on every look-up, no cache: a user added, removed, re-passworded or
 * re-roled through one process counts on the next request to any process (a look-up is one query
 * by primary key; the bcrypt check runs after the connection is back in the pool). Changes run
 * under {@link #USERS_LOCK}, so the last Account Administrator stays one across processes, and
 * the first administrator is created once however many processes start together. Thread-safe.
 */
final class PostgresUserDirectory implements UserDirectory {

    static final long USERS_LOCK = ClusterDatabase.SCHEMA_LOCK + 1;
    private static final String WHAT = "the portal users";

    private record Entry(Role role, String hash) {
    }

    private final DataSource db;
    private final PasswordHashes hashes;
    private final Clock clock;

    private PostgresUserDirectory(DataSource db, int cost, Clock clock) {
        this.db = db;
        this.hashes = new PasswordHashes(cost);
        this.clock = clock;
    }

    /** The shared users; on an empty table the first administrator is created (by one process only). */
    static PostgresUserDirectory open(DataSource db, Map<String, String> env, PrintStream announce, int cost,
            Clock clock) {
        PostgresUserDirectory users = new PostgresUserDirectory(db, cost, clock);
        FirstAdministrator first = FirstAdministrator.from(env);
        try {
            String hash = users.hashes.hash(first.password());
            boolean created = SharedSql.locked(db, USERS_LOCK, WHAT, connection -> {
                try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM portal_user");
                     ResultSet row = count.executeQuery()) {
                    row.next();
                    if (row.getLong(1) > 0) {
                        return false;
                    }
                }
                users.write(connection, first.username(), Role.ACCOUNT_ADMINISTRATOR, hash);
                return true;
            });
            if (created) {
                first.announce(announce);
            }
        } finally {
            first.forget();
        }
        return users;
    }

    @Override
    public void put(String username, char[] password, Role role) {
        UserRules.checkUsername(username);
        UserRules.checkPassword(password);
        String hash = hashes.hash(password);
        change(username, connection -> {
            Optional<Entry> before = entry(connection, username);
            if (before.isPresent()) {
                UserRules.keepAnAdministrator(before.get().role(), role, administrators(connection));
            }
            write(connection, username, role, hash);
        });
    }

    @Override
    public void setPassword(String username, char[] password) {
        UserRules.checkPassword(password);
        String hash = hashes.hash(password);
        change(username, connection -> write(connection, username, existing(connection, username).role(), hash));
    }

    @Override
    public void setRole(String username, Role role) {
        change(username, connection -> {
            Entry entry = existing(connection, username);
            UserRules.keepAnAdministrator(entry.role(), role, administrators(connection));
            write(connection, username, role, entry.hash());
        });
    }

    @Override
    public void remove(String username) {
        change(username, connection -> {
            UserRules.keepAnAdministrator(existing(connection, username).role(), null, administrators(connection));
            SharedSql.update(connection, "DELETE FROM portal_user WHERE username = ?", username);
        });
    }

    @Override
    public Optional<String> stamp(String username) {
        return lookUp(username).map(entry -> PasswordHashes.stamp(entry.hash()));
    }

    @Override
    public Optional<PortalUser> verify(String username, char[] password) {
        Optional<Entry> entry = lookUp(username);
        boolean ok = hashes.matches(entry.map(Entry::hash).orElse(null), password);
        return ok ? entry.map(e -> new PortalUser(username, e.role())) : Optional.empty();
    }

    @Override
    public Optional<PortalUser> find(String username) {
        return lookUp(username).map(entry -> new PortalUser(username, entry.role()));
    }

    @Override
    public List<PortalUser> list() {
        return SharedSql.run(db, WHAT, connection -> {
            List<PortalUser> out = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT username, role FROM portal_user ORDER BY created_ms, username");
                 ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    out.add(new PortalUser(row.getString(1), Role.valueOf(row.getString(2))));
                }
            }
            return out;
        });
    }

    /** A change of one user: an unknown or malformed name is refused before the database is asked. */
    private interface Change {
        void apply(Connection connection) throws SQLException;
    }

    private void change(String username, Change change) {
        UserRules.checkUsername(username);
        SharedSql.locked(db, USERS_LOCK, WHAT, connection -> {
            change.apply(connection);
            return null;
        });
    }

    private Optional<Entry> lookUp(String username) {
        if (username == null || username.length() > 64) {
            return Optional.empty(); // never a stored name: spare the database
        }
        return SharedSql.run(db, WHAT, connection -> entry(connection, username));
    }

    private static Optional<Entry> entry(Connection connection, String username) throws SQLException {
        try (PreparedStatement query = SharedSql.prepare(connection,
                "SELECT role, password_hash FROM portal_user WHERE username = ?", username);
             ResultSet row = query.executeQuery()) {
            return row.next() ? Optional.of(new Entry(Role.valueOf(row.getString(1)), row.getString(2)))
                    : Optional.empty();
        }
    }

    private static Entry existing(Connection connection, String username) throws SQLException {
        return entry(connection, username).orElseThrow(() -> UserRules.noSuchUser(username));
    }

    private static long administrators(Connection connection) throws SQLException {
        try (PreparedStatement query = SharedSql.prepare(connection,
                "SELECT count(*) FROM portal_user WHERE role = ?", Role.ACCOUNT_ADMINISTRATOR.name());
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private void write(Connection connection, String username, Role role, String hash) throws SQLException {
        long now = clock.millis();
        SharedSql.update(connection, "INSERT INTO portal_user (username, role, password_hash, created_ms, changed_ms)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (username) DO UPDATE SET role = excluded.role,"
                + " password_hash = excluded.password_hash, changed_ms = excluded.changed_ms",
                username, role.name(), hash, now, now);
    }
}
