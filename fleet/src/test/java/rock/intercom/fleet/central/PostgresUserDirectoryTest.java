package rock.intercom.fleet.central;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rock.intercom.portal.Role;
import rock.intercom.portal.auth.PortalUser;
import rock.intercom.testkit.PostgresServer;

/**
 * Portal users of two portal processes (two directories, one real PostgreSQL): every change made
 * through one counts on the other at once; the first administrator is made once however many
 * processes start together; only bcrypt hashes are stored.
 */
class PostgresUserDirectoryTest {

    private static final Map<String, String> ENV = Map.of("INTERCOM_ADMIN_PASSWORD", "Admin-Passw0rd");
    private static PostgresServer server;

    @BeforeAll
    static void start() throws Exception {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aUserAddedRepasswordedReroledAndRemovedOnOneProcessCountsOnTheOtherAtOnce() throws Exception {
        try (ClusterDatabase db = database("users_live")) {
            PostgresUserDirectory processA = open(db, ENV, new ByteArrayOutputStream());
            PostgresUserDirectory processB = open(db, ENV, new ByteArrayOutputStream());

            processA.put("guard", "Guard-Passw0rd".toCharArray(), Role.VIEWER);
            assertThat(processB.verify("guard", "Guard-Passw0rd".toCharArray()))
                    .hasValue(new PortalUser("guard", Role.VIEWER));
            String stamp = processB.stamp("guard").orElseThrow();

            processA.setPassword("guard", "New-Passw0rd!".toCharArray());
            assertThat(processB.verify("guard", "Guard-Passw0rd".toCharArray())).isEmpty();
            assertThat(processB.verify("guard", "New-Passw0rd!".toCharArray())).isPresent();
            assertThat(processB.stamp("guard")).isPresent().get().isNotEqualTo(stamp);

            processA.setRole("guard", Role.ACCOUNT_ADMINISTRATOR);
            assertThat(processB.find("guard")).hasValue(new PortalUser("guard", Role.ACCOUNT_ADMINISTRATOR));

            processA.remove("guard");
            assertThat(processB.find("guard")).isEmpty();
            assertThat(processB.verify("guard", "New-Passw0rd!".toCharArray())).isEmpty();
            assertThat(processB.list()).extracting(PortalUser::username).containsExactly("admin");
            assertThat(StoredRows.of(db, "SELECT * FROM portal_user")).contains("$2b$04$").doesNotContain("Passw0rd");
        }
    }

    @Test
    void theLastAdministratorStaysOneWhicheverProcessIsAsked() throws Exception {
        try (ClusterDatabase db = database("users_last_admin")) {
            PostgresUserDirectory processA = open(db, ENV, new ByteArrayOutputStream());
            PostgresUserDirectory processB = open(db, ENV, new ByteArrayOutputStream());
            processA.put("chief", "Chief-Passw0rd".toCharArray(), Role.ACCOUNT_ADMINISTRATOR);
            processB.remove("admin");

            assertThatThrownBy(() -> processA.remove("chief")).hasMessageContaining("cannot be removed");
            assertThatThrownBy(() -> processB.setRole("chief", Role.VIEWER)).hasMessageContaining("cannot lose");
            assertThatThrownBy(() -> processB.setPassword("nobody", "Some-Passw0rd".toCharArray()))
                    .hasMessageContaining("no user 'nobody'");
            assertThatThrownBy(() -> processB.put("bad name", "Some-Passw0rd".toCharArray(), Role.VIEWER))
                    .hasMessageContaining("username");
            assertThatThrownBy(() -> processB.put("short", "short".toCharArray(), Role.VIEWER))
                    .hasMessageContaining("at least 8");
            assertThat(processA.list()).extracting(PortalUser::username).containsExactly("chief");
        }
    }

    @Test
    void processesStartingTogetherOnAnEmptyDatabaseCreateTheAdministratorOnce() throws Exception {
        try (ClusterDatabase db = database("users_first_start")) {
            int processes = 4;
            List<ByteArrayOutputStream> outputs = new ArrayList<>();
            List<Callable<PostgresUserDirectory>> starts = new ArrayList<>();
            for (int i = 0; i < processes; i++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                outputs.add(out);
                starts.add(() -> open(db, Map.of(), out));
            }
            ExecutorService pool = Executors.newFixedThreadPool(processes);
            try {
                for (Future<PostgresUserDirectory> started : pool.invokeAll(starts)) {
                    started.get();
                }
            } finally {
                pool.shutdown();
            }
            List<String> announced = outputs.stream().map(o -> o.toString(StandardCharsets.UTF_8))
                    .filter(s -> !s.isEmpty()).toList();
            assertThat(announced).hasSize(1);
            Matcher printed = Pattern.compile("user 'admin' with password (\\S+) ").matcher(announced.get(0));
            assertThat(printed.find()).isTrue();
            PostgresUserDirectory any = open(db, Map.of(), new ByteArrayOutputStream());
            assertThat(any.list()).extracting(PortalUser::username).containsExactly("admin");
            assertThat(any.verify("admin", printed.group(1).toCharArray())).isPresent();
        }
    }

    private static ClusterDatabase database(String name) throws Exception {
        return ClusterDatabase.open(server.createDatabase(name), PostgresServer.USER, "");
    }

    private static PostgresUserDirectory open(ClusterDatabase db, Map<String, String> env, ByteArrayOutputStream out) {
        return PostgresUserDirectory.open(db.pool(), env, new PrintStream(out, true, StandardCharsets.UTF_8), 4,
                Clock.systemUTC());
    }
}
