package rock.intercom.fleet.central;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rock.intercom.portal.Role;
import rock.intercom.portal.auth.PortalSession;
import rock.intercom.portal.auth.PortalUser;
import rock.intercom.portal.auth.SessionStore;
import rock.intercom.testkit.PostgresServer;

/**
 * Sessions of two portal processes (two stores, one real PostgreSQL): made on one, valid, renewed
 * and ended on the other; only the id's hash is stored.
 */
class PostgresSessionRecordsTest {

    private static final Duration IDLE = Duration.ofMinutes(30);
    private static PostgresServer server;
    private static ClusterDatabase db;
    private final PortalUser admin = new PortalUser("admin", Role.ACCOUNT_ADMINISTRATOR);

    @BeforeAll
    static void start() throws Exception {
        server = PostgresServer.start();
        db = ClusterDatabase.open(server.createDatabase("sessions"), PostgresServer.USER, "");
    }

    @AfterAll
    static void stop() {
        db.close();
        server.close();
    }

    @Test
    void aSessionMadeOnOneProcessWorksOnTheOtherUntilEndedThere() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);
        SessionStore processA = store(clock);
        SessionStore processB = store(clock);
        PortalSession made = processA.create(admin, "stamp-1");

        PortalSession onB = processB.touch(made.id()).orElseThrow();
        assertThat(onB.user()).isEqualTo(admin);
        assertThat(onB.csrfToken()).isEqualTo(made.csrfToken());
        assertThat(onB.stamp()).isEqualTo("stamp-1");
        assertThat(storedIds()).doesNotContain(made.id());

        processB.end(made.id());
        assertThat(processA.touch(made.id())).isEmpty();
    }

    @Test
    void aRenewalSeenByOneProcessKeepsTheSessionAliveOnTheOther() {
        Instant start = Instant.parse("2026-12-07T10:00:00Z");
        SessionStore processA = store(Clock.fixed(start, ZoneOffset.UTC));
        PortalSession made = processA.create(admin, "s");
        // Used on B 29 minutes later: renewed there, in the database.
        store(Clock.fixed(start.plus(Duration.ofMinutes(29)), ZoneOffset.UTC)).touch(made.id()).orElseThrow();
        assertThat(store(Clock.fixed(start.plus(Duration.ofMinutes(50)), ZoneOffset.UTC)).touch(made.id()))
                .isPresent();
        assertThat(store(Clock.fixed(start.plus(Duration.ofMinutes(90)), ZoneOffset.UTC)).touch(made.id()))
                .isEmpty();
    }

    @Test
    void aPasswordChangeOnOneProcessEndsTheUsersOtherSessionsEverywhere() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-08T10:00:00Z"), ZoneOffset.UTC);
        SessionStore processA = store(clock);
        PortalSession kept = processA.create(admin, "s");
        PortalSession other = processA.create(admin, "s");
        PortalSession someoneElse = processA.create(new PortalUser("guard", Role.VIEWER), "s");
        store(clock).endAllOf("admin", kept.id());
        assertThat(processA.touch(kept.id())).isPresent();
        assertThat(processA.touch(other.id())).isEmpty();
        assertThat(processA.touch(someoneElse.id())).isPresent();
    }

    private static SessionStore store(Clock clock) {
        return new SessionStore(clock, IDLE, SessionStore.DEFAULT_LIFETIME, new PostgresSessionRecords(db.pool(), clock));
    }

    private static java.util.List<String> storedIds() {
        try (Connection connection = db.pool().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id_hash, csrf_token FROM portal_session")) {
            java.util.List<String> values = new java.util.ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
