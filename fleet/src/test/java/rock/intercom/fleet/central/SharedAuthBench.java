package rock.intercom.fleet.central;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import rock.intercom.portal.Role;
import rock.intercom.portal.auth.ApiTokens;
import rock.intercom.portal.auth.LoginThrottle;
import rock.intercom.portal.auth.SignInThrottle;
import rock.intercom.portal.auth.TokenDirectory;
import rock.intercom.portal.auth.UserDirectory;
import rock.intercom.portal.auth.UserStore;
import rock.intercom.testkit.PostgresServer;

/**
 * What a request's access check costs with users, tokens and the sign-in throttle read through
 * from PostgreSQL ({@code --db-url}) instead of the data dir's files: per call, p50/p99/max in
 * microseconds, after a warm-up. Run by {@code bench/portal-auth-db.sh}.
 */
public final class SharedAuthBench {

    private SharedAuthBench() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path dir = Files.createTempDirectory("shared-auth-bench");
        Map<String, String> env = Map.of("INTERCOM_ADMIN_PASSWORD", "bench-Passw0rd");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        try (PostgresServer server = PostgresServer.start();
             ClusterDatabase db = ClusterDatabase.open(server.createDatabase("bench"), PostgresServer.USER, "")) {
            Clock clock = Clock.systemUTC();
            UserDirectory fileUsers = UserStore.open(dir, env, quiet, 4);
            UserDirectory sharedUsers = PostgresUserDirectory.open(db.pool(), env, quiet, 4, clock);
            TokenDirectory fileTokens = ApiTokens.open(dir);
            TokenDirectory sharedTokens = new PostgresTokenDirectory(db.pool(), clock);
            String fileSecret = fileTokens.create("bench", Role.VIEWER, "admin", Instant.now()).secret();
            String sharedSecret = sharedTokens.create("bench", Role.VIEWER, "admin", Instant.now()).secret();
            SignInThrottle memory = new LoginThrottle(clock, 5, Duration.ofMinutes(15), Duration.ofMinutes(5));
            SignInThrottle shared = new PostgresSignInThrottle(db.pool(), clock, 5, Duration.ofMinutes(15),
                    Duration.ofMinutes(5));
            System.out.printf("%-40s %9s %9s %9s%n", "check (" + calls + " calls)", "p50 us", "p99 us", "max us");
            row("session: user + stamp, file", calls, () -> fileUsers.find("admin").isPresent()
                    && fileUsers.stamp("admin").isPresent());
            row("session: user + stamp, PostgreSQL", calls, () -> sharedUsers.find("admin").isPresent()
                    && sharedUsers.stamp("admin").isPresent());
            row("bearer token, file", calls, () -> fileTokens.verify(fileSecret).isPresent());
            row("bearer token, PostgreSQL", calls, () -> sharedTokens.verify(sharedSecret).isPresent());
            row("sign-in throttle check, memory", calls, () -> memory.retryAfter("admin", "10.0.0.1").isEmpty());
            row("sign-in throttle check, PostgreSQL", calls, () -> shared.retryAfter("admin", "10.0.0.1").isEmpty());
        }
    }

    private static void row(String label, int calls, Supplier<Boolean> check) {
        for (int i = 0; i < calls / 4; i++) {
            check.get();
        }
        long[] micros = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            if (!check.get()) {
                throw new IllegalStateException(label + ": the check failed");
            }
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        Arrays.sort(micros);
        System.out.printf("%-40s %9d %9d %9d%n", label, micros[calls / 2], micros[calls * 99 / 100], micros[calls - 1]);
    }
}
