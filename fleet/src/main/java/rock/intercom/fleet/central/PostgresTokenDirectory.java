package rock.intercom.fleet.central;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import rock.intercom.portal.Role;
import rock.intercom.portal.auth.ApiTokenSecrets;
import rock.intercom.portal.auth.PortalUser;
import rock.intercom.portal.auth.TokenDirectory;

/**
 * API tokens in the PostgreSQL the portal processes share ({@code portal_api_token}: the token's
 * SHA-256, never the token; its name, role, maker, created and revoked times). Read through on
 * every request, no cache: a token made through one process works on the next request to any
 * process, and a revoked one is refused on the next request everywhere (one query by the digest's
 * unique index). Creation runs under {@link #TOKENS_LOCK}, so the name and {@link #MAX_TOKENS}
 * rules hold across processes. Revoked rows are kept {@link #KEEP_REVOKED} (who made what, and
 * when it was revoked), then deleted when a token is made. Thread-safe.
 */
final class PostgresTokenDirectory implements TokenDirectory {

    static final long TOKENS_LOCK = ClusterDatabase.SCHEMA_LOCK + 2;
    static final Duration KEEP_REVOKED = Duration.ofDays(30);
    private static final String WHAT = "the API tokens";
    private static final String COLUMNS = "id, name, role, created_by, created_ms";

    private final DataSource db;
    private final Clock clock;

    PostgresTokenDirectory(DataSource db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Created create(String name, Role role, String createdBy, Instant now) {
        ApiTokenSecrets.checkName(name);
        ApiTokenSecrets.Minted minted = ApiTokenSecrets.mint(name, role, createdBy, now);
        Token token = minted.created().token();
        return SharedSql.locked(db, TOKENS_LOCK, WHAT, connection -> {
            List<Token> inForce = inForce(connection);
            if (inForce.stream().anyMatch(t -> t.name().equals(name))) {
                throw new IllegalArgumentException("there is already a token named " + name);
            }
            if (inForce.size() >= MAX_TOKENS) {
                throw new IllegalArgumentException("at most " + MAX_TOKENS + " tokens; revoke one first");
            }
            SharedSql.update(connection, "DELETE FROM portal_api_token WHERE revoked_ms < ?",
                    clock.millis() - KEEP_REVOKED.toMillis());
            SharedSql.update(connection, "INSERT INTO portal_api_token (" + COLUMNS + ", sha256)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", token.id(), token.name(), token.role().name(), token.createdBy(),
                    token.createdAt().toEpochMilli(), minted.digest());
            return minted.created();
        });
    }

    @Override
    public Optional<PortalUser> verify(String secret) {
        Optional<String> digest = ApiTokenSecrets.lookupDigest(secret);
        if (digest.isEmpty()) {
            return Optional.empty();
        }
        return SharedSql.run(db, WHAT, connection -> {
            try (PreparedStatement query = SharedSql.prepare(connection, "SELECT " + COLUMNS
                    + " FROM portal_api_token WHERE sha256 = ? AND revoked_ms IS NULL", digest.get());
                 ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(ApiTokenSecrets.holder(token(row))) : Optional.empty();
            }
        });
    }

    @Override
    public void revoke(String id) {
        int revoked = SharedSql.update(db, WHAT, "UPDATE portal_api_token SET revoked_ms = ? WHERE id = ?"
                + " AND revoked_ms IS NULL", clock.millis(), id == null ? "" : id);
        if (revoked == 0) {
            throw new IllegalArgumentException("no such token");
        }
    }

    @Override
    public List<Token> list() {
        return SharedSql.run(db, WHAT, PostgresTokenDirectory::inForce);
    }

    private static List<Token> inForce(Connection connection) throws SQLException {
        List<Token> out = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM portal_api_token WHERE revoked_ms IS NULL ORDER BY created_ms, id");
             ResultSet row = query.executeQuery()) {
            while (row.next()) {
                out.add(token(row));
            }
        }
        return out;
    }

    private static Token token(ResultSet row) throws SQLException {
        return new Token(row.getString("id"), row.getString("name"), Role.valueOf(row.getString("role")),
                row.getString("created_by"), Instant.ofEpochMilli(row.getLong("created_ms")));
    }
}
