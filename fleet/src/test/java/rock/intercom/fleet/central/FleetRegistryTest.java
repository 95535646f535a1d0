package rock.intercom.fleet.central;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.testkit.TestClock;

/**
 * Enrolment tokens are single use and expire; secrets are checked against hashes only; revocation
 * sticks. In SQLite here; {@link FleetRegistryPostgresTest} runs the same on PostgreSQL.
 */
class FleetRegistryTest {

    @TempDir
    Path dir;
    private final TestClock clock = new TestClock();
    private FleetRegistry registry;

    /** The database under test, created empty. */
    String jdbcUrl() throws Exception {
        return "jdbc:sqlite:" + dir.resolve("fleet.db");
    }

    String user() {
        return null;
    }

    private String url;

    @BeforeEach
    void open() throws Exception {
        url = jdbcUrl();
        registry = FleetRegistry.open(url, user(), "", clock);
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void aTokenEnrolsOneDeviceOnce() {
        String token = registry.createToken(Duration.ofHours(1));
        Optional<String> secret = registry.enrol(token, "door-1", "Door 1");
        assertThat(secret).isPresent();
        assertThat(registry.authenticate("door-1", secret.get())).isTrue();
        assertThat(registry.authenticate("door-1", secret.get() + "x")).isFalse();
        assertThat(registry.authenticate("door-2", secret.get())).isFalse();
        assertThat(registry.enrol(token, "door-2", "Door 2")).isEmpty();
    }

    @Test
    void anExpiredOrUnknownTokenEnrolsNothing() {
        String token = registry.createToken(Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(11));
        assertThat(registry.enrol(token, "door-1", "Door 1")).isEmpty();
        assertThat(registry.enrol("not-a-token", "door-1", "Door 1")).isEmpty();
        assertThat(registry.devices()).isEmpty();
    }

    @Test
    void anEnrolledIdCannotBeTakenOverUntilRevoked() {
        String first = registry.enrol(registry.createToken(Duration.ofHours(1)), "door-1", "Door 1").orElseThrow();
        String second = registry.createToken(Duration.ofHours(1));
        assertThat(registry.enrol(second, "door-1", "Impostor")).isEmpty();
        assertThat(registry.revoke("door-1")).isTrue();
        assertThat(registry.authenticate("door-1", first)).isFalse();
        // The refused attempt did not spend the token: it re-enrols the revoked id with a new secret.
        String renewed = registry.enrol(second, "door-1", "Door 1 replaced").orElseThrow();
        assertThat(registry.authenticate("door-1", renewed)).isTrue();
        assertThat(registry.authenticate("door-1", first)).isFalse();
    }

    @Test
    void neitherTokensNorSecretsAreStoredInTheClear() throws Exception {
        String token = registry.createToken(Duration.ofHours(1));
        String secret = registry.enrol(token, "door-1", "Door 1").orElseThrow();
        registry.close();
        StringBuilder stored = new StringBuilder();
        try (java.sql.Connection db = user() == null ? java.sql.DriverManager.getConnection(url)
                : java.sql.DriverManager.getConnection(url, user(), "");
             java.sql.Statement statement = db.createStatement()) {
            for (String table : new String[] {"fleet_device", "fleet_enrolment_token"}) {
                try (java.sql.ResultSet row = statement.executeQuery("SELECT * FROM " + table)) {
                    while (row.next()) {
                        for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                            stored.append(row.getString(i)).append('|');
                        }
                    }
                }
            }
        }
        assertThat(stored.toString()).contains("door-1").doesNotContain(token).doesNotContain(secret);
        registry = FleetRegistry.open(url, user(), "", clock);
        assertThat(registry.authenticate("door-1", secret)).isTrue();
    }

}
