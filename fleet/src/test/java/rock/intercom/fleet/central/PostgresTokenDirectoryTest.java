package rock.intercom.fleet.central;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rock.intercom.portal.Role;
import rock.intercom.portal.auth.ApiTokenSecrets;
import rock.intercom.portal.auth.PortalUser;
import rock.intercom.portal.auth.TokenDirectory;
import rock.intercom.testkit.PostgresServer;

/**
 * API tokens of two portal processes (two directories, one real PostgreSQL): a token made on one
 * works on the other, and once revoked on one is refused on the other at the next request; only
 * its SHA-256 is stored; the name and count rules hold across processes.
 */
class PostgresTokenDirectoryTest {

    private static final Instant NOW = Instant.parse("2026-12-06T21:00:00Z");
    private static PostgresServer server;
    private static ClusterDatabase db;

    @BeforeAll
    static void start() throws Exception {
        server = PostgresServer.start();
        db = ClusterDatabase.open(server.createDatabase("tokens"), PostgresServer.USER, "");
    }

    @AfterAll
    static void stop() {
        db.close();
        server.close();
    }

    @Test
    void aTokenMadeOnOneProcessWorksOnTheOtherUntilRevokedThere() {
        TokenDirectory processA = new PostgresTokenDirectory(db.pool(), Clock.systemUTC());
        TokenDirectory processB = new PostgresTokenDirectory(db.pool(), Clock.systemUTC());
        TokenDirectory.Created made = processA.create("door-desk", Role.VIEWER, "admin", NOW);

        assertThat(processB.verify(made.secret())).hasValue(new PortalUser("token:door-desk", Role.VIEWER));
        assertThat(processB.list()).contains(made.token());
        assertThat(StoredRows.of(db, "SELECT * FROM portal_api_token")).contains(ApiTokenSecrets.digest(made.secret())).doesNotContain(made.secret());

        processA.revoke(made.token().id());
        assertThat(processB.verify(made.secret())).isEmpty();
        assertThat(processB.list()).doesNotContain(made.token());
        assertThatThrownBy(() -> processB.revoke(made.token().id())).hasMessageContaining("no such token");
        // The name is free again once its token is revoked.
        assertThat(processB.create("door-desk", Role.ACCOUNT_ADMINISTRATOR, "admin", NOW).token().role())
                .isEqualTo(Role.ACCOUNT_ADMINISTRATOR);
    }

    @Test
    void badOrForeignTokensAndTakenNamesAreRefused() {
        TokenDirectory processA = new PostgresTokenDirectory(db.pool(), Clock.systemUTC());
        TokenDirectory processB = new PostgresTokenDirectory(db.pool(), Clock.systemUTC());
        processA.create("access-control", Role.VIEWER, "admin", NOW);

        assertThatThrownBy(() -> processB.create("access-control", Role.VIEWER, "admin", NOW))
                .hasMessageContaining("already a token named");
        assertThatThrownBy(() -> processB.create("bad name", Role.VIEWER, "admin", NOW))
                .hasMessageContaining("token name");
        assertThat(processB.verify(null)).isEmpty();
        assertThat(processB.verify("not-ours")).isEmpty();
        assertThat(processB.verify(TokenDirectory.PREFIX + "x".repeat(5000))).isEmpty();
        assertThat(processB.verify(TokenDirectory.PREFIX + "guessed")).isEmpty();
    }
}
