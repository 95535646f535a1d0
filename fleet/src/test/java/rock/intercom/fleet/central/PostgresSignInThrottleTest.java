package rock.intercom.fleet.central;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rock.intercom.portal.auth.SignInThrottle;
import rock.intercom.portal.auth.SignInThrottle.Scope;
import rock.intercom.testkit.PostgresServer;

/**
 * Failed sign-ins counted by two portal processes on one real PostgreSQL (3 failures per user and
 * address in 10 min lock 5 min): guesses spread over the processes lock on both; a success on one
 * clears the other; old failures neither count nor stay; no user name or address is stored.
 */
class PostgresSignInThrottleTest {

    private static final Instant START = Instant.parse("2026-12-06T21:00:00Z");
    private static PostgresServer server;
    private static ClusterDatabase db;

    @BeforeAll
    static void start() throws Exception {
        server = PostgresServer.start();
        db = ClusterDatabase.open(server.createDatabase("throttle"), PostgresServer.USER, "");
    }

    @AfterAll
    static void stop() {
        db.close();
        server.close();
    }

    @Test
    void guessesSpreadOverTwoProcessesLockOnBothForTheLockoutTime() {
        assertThat(at(0).failed("admin", "10.0.0.1")).isEmpty();
        assertThat(at(1).failed("admin", "10.0.0.1")).isEmpty();
        assertThat(at(2).failed("admin", "10.0.0.1")).hasValue(Scope.USER_AND_ADDRESS);

        assertThat(at(3).retryAfter("admin", "10.0.0.1")).hasValue(Duration.ofSeconds(299));
        assertThat(at(301).retryAfter("admin", "10.0.0.1")).isPresent();
        assertThat(at(302).retryAfter("admin", "10.0.0.1")).isEmpty();
        assertThat(at(3).retryAfter("admin", "10.0.0.2")).isEmpty();
        assertThat(at(3).retryAfter("guard", "10.0.0.1")).isEmpty();
        assertThat(StoredRows.of(db, "SELECT scope_key FROM portal_sign_in_failure")).doesNotContain("admin").doesNotContain("10.0.0.1");
    }

    @Test
    void oneUserFromManyAddressesLocksTheUserEverywhereUntilASuccessOnTheOtherProcess() {
        Optional<Scope> tripped = Optional.empty();
        for (int address = 0; address < 3; address++) {
            for (int i = 0; i < 2; i++) {
                Optional<Scope> now = at(address * 2 + i).failed("chief", "10.1.0." + address);
                tripped = tripped.or(() -> now);
            }
        }
        assertThat(tripped).hasValue(Scope.USER);
        assertThat(at(10).retryAfter("chief", "10.9.9.9")).isPresent();

        at(11).succeeded("chief", "10.1.0.0");
        assertThat(at(12).retryAfter("chief", "10.9.9.9")).isEmpty();
    }

    @Test
    void failuresOutsideTheWindowNeitherCountNorStay() {
        at(0).failed("old", "10.2.0.1");
        at(1).failed("old", "10.2.0.1");
        at(11 * 60).failed("old", "10.2.0.1");
        assertThat(at(11 * 60 + 1).retryAfter("old", "10.2.0.1")).isEmpty();
        // Past window + lockout, the next failure anywhere deletes them.
        long before = failureRows();
        at(60 * 60).failed("someone", "10.2.0.2");
        assertThat(failureRows()).isLessThan(before);
    }

    private static long failureRows() {
        return Long.parseLong(StoredRows.of(db, "SELECT count(*) FROM portal_sign_in_failure").trim());
    }

    private static SignInThrottle at(long seconds) {
        Clock clock = Clock.fixed(START.plusSeconds(seconds), ZoneOffset.UTC);
        return new PostgresSignInThrottle(db.pool(), clock, 3, Duration.ofMinutes(10), Duration.ofMinutes(5));
    }
}
