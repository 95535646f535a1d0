package rock.intercom.portal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.portal.Role;

class UserStoreTest {

    @TempDir
    Path dataDir;

    @Test
    void firstStartWithoutAPasswordPrintsARandomOneOnce() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        UserStore store = UserStore.open(dataDir, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), 4);
        Matcher printed = Pattern.compile("user 'admin' with password (\\S+) ").matcher(out.toString(StandardCharsets.UTF_8));
        assertThat(printed.find()).isTrue();
        String password = printed.group(1);
        assertThat(password).hasSizeGreaterThanOrEqualTo(16);
        assertThat(store.verify("admin", password.toCharArray()))
                .hasValue(new PortalUser("admin", Role.ACCOUNT_ADMINISTRATOR));

        String file = Files.readString(dataDir.resolve(UserStore.FILE_NAME));
        assertThat(file).doesNotContain(password).contains("$2b$04$");

        ByteArrayOutputStream second = new ByteArrayOutputStream();
        UserStore reopened = UserStore.open(dataDir, Map.of(), new PrintStream(second, true, StandardCharsets.UTF_8), 4);
        assertThat(second.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(reopened.verify("admin", password.toCharArray())).isPresent();
    }

    @Test
    void environmentChoosesTheAdministratorNameAndPassword() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        UserStore store = UserStore.open(dataDir, Map.of(UserStore.ADMIN_USER_ENV, "chief",
                UserStore.ADMIN_PASSWORD_ENV, "Chosen-Passw0rd"), new PrintStream(out, true, StandardCharsets.UTF_8), 4);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("chief").doesNotContain("Chosen-Passw0rd");
        assertThat(store.verify("chief", "Chosen-Passw0rd".toCharArray())).isPresent();
        assertThat(store.verify("admin", "Chosen-Passw0rd".toCharArray())).isEmpty();
        assertThat(store.verify("chief", "chosen-passw0rd".toCharArray())).isEmpty();
        assertThat(store.verify("chief", new char[0])).isEmpty();
    }

    @Test
    void usersSurviveAReopenWithTheirRoles() {
        UserStore store = UserStore.open(dataDir, Map.of(UserStore.ADMIN_PASSWORD_ENV, "Admin-Passw0rd"),
                new PrintStream(new ByteArrayOutputStream()), 4);
        store.put("guard", "Guard-Passw0rd".toCharArray(), Role.VIEWER);
        UserStore reopened = UserStore.open(dataDir, Map.of(), new PrintStream(new ByteArrayOutputStream()), 4);
        assertThat(reopened.find("guard")).hasValue(new PortalUser("guard", Role.VIEWER));
        assertThat(reopened.list()).hasSize(2);
    }

    @Test
    void weakPasswordsAndOddNamesAreRefused() {
        UserStore store = UserStore.open(dataDir, Map.of(UserStore.ADMIN_PASSWORD_ENV, "Admin-Passw0rd"),
                new PrintStream(new ByteArrayOutputStream()), 4);
        assertThatThrownBy(() -> store.put("guard", "short".toCharArray(), Role.VIEWER))
                .hasMessageContaining("at least 8");
        assertThatThrownBy(() -> store.put("a b", "Long-enough-1".toCharArray(), Role.VIEWER))
                .hasMessageContaining("username");
    }

    @Test
    void changesByAnotherProcessAreSeenWithoutARestart() throws Exception {
        UserStore device = UserStore.open(dataDir, Map.of(UserStore.ADMIN_PASSWORD_ENV, "admin-Passw0rd"),
                new PrintStream(new ByteArrayOutputStream()), 4);
        // ./intercom user opens its own store on the same file, as another process does.
        UserStore cli = UserStore.open(dataDir, Map.of(), new PrintStream(new ByteArrayOutputStream()), 4);
        cli.put("guard", "first-Passw0rd".toCharArray(), Role.VIEWER);
        assertThat(device.verify("guard", "first-Passw0rd".toCharArray())).isPresent();
        String stamp = device.stamp("guard").orElseThrow();

        UserStore cliAgain = UserStore.open(dataDir, Map.of(), new PrintStream(new ByteArrayOutputStream()), 4);
        cliAgain.put("guard", "second-Passw0rd".toCharArray(), Role.ACCOUNT_ADMINISTRATOR);

        assertThat(device.verify("guard", "first-Passw0rd".toCharArray())).isEmpty();
        assertThat(device.verify("guard", "second-Passw0rd".toCharArray()))
                .hasValue(new PortalUser("guard", Role.ACCOUNT_ADMINISTRATOR));
        assertThat(device.stamp("guard")).isPresent().get().isNotEqualTo(stamp);
        assertThat(device.stamp("guard").get()).doesNotContain("$2b$");
    }

    @Test
    void theLastAccountAdministratorStays() {
        UserStore store = UserStore.open(dataDir, Map.of(UserStore.ADMIN_PASSWORD_ENV, "admin-Passw0rd"),
                new PrintStream(new ByteArrayOutputStream()), 4);
        assertThatThrownBy(() -> store.remove("admin")).hasMessageContaining("last Account Administrator");
        assertThatThrownBy(() -> store.setRole("admin", Role.VIEWER)).hasMessageContaining("last Account Administrator");
        store.put("second", "second-Passw0rd".toCharArray(), Role.ACCOUNT_ADMINISTRATOR);
        store.setRole("admin", Role.VIEWER);
        store.remove("admin");
        assertThat(store.find("admin")).isEmpty();
        assertThatThrownBy(() -> store.setPassword("nobody", "whatever-1".toCharArray())).hasMessageContaining("no user");
    }
}
