package rock.intercom.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import rock.intercom.fleet.central.CentralPortal;
import rock.intercom.portal.Role;
import rock.intercom.portal.auth.UserStore;

/**
 * {@code ./intercom user}: adds or replaces an Admin Portal user. The password comes from
 * {@code INTERCOM_USER_PASSWORD} or the first line of standard input, never from the command line
 * (where {@code ps} would show it).
 */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Add or replace an Admin Portal user (password from INTERCOM_USER_PASSWORD or standard input).")
public final class UserCommand implements Callable<Integer> {

    static final String PASSWORD_ENV = "INTERCOM_USER_PASSWORD";

    @Parameters(index = "0", paramLabel = "NAME", description = "User name: letters, digits, '.', '_' or '-'.")
    String name;

    @Option(names = "--role", defaultValue = "VIEWER", paramLabel = "ROLE",
            description = "VIEWER (reads) or ACCOUNT_ADMINISTRATOR (may modify). Default: ${DEFAULT-VALUE}.")
    Role role;

    @Option(names = "--data-dir", defaultValue = "data", paramLabel = "DIR",
            description = "The device's data dir, where portal-users.json lives. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "Save the user in the PostgreSQL that central portal processes share (as their --db-url; "
                    + "INTERCOM_DB_USER / INTERCOM_DB_PASSWORD) instead of --data-dir; every process sees it at once.")
    String dbUrl;

    @Override
    public Integer call() throws Exception {
        String password = System.getenv(PASSWORD_ENV);
        if (password == null) {
            password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        if (password == null) {
            throw new IllegalArgumentException("no password: set " + PASSWORD_ENV + " or write it on standard input");
        }
        char[] secret = password.toCharArray();
        if (dbUrl != null) {
            CentralPortal.onSharedUsers(dbUrl, System.getenv(), System.out, users -> users.put(name, secret, role));
        } else {
            UserStore.open(dataDir, System.getenv(), System.out).put(name, secret, role);
        }
        System.out.println("Admin Portal user '" + name + "' saved with role " + role);
        return 0;
    }
}
