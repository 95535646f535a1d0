package rock.intercom.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The launcher refuses bad arguments and bad config files with one clear line and a non-zero exit. */
class MainTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void everySubcommandHasHelp() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("device");
        assertThat(run("device", "--help")).isZero();
        assertThat(out.toString()).contains("--config", "--http-port", "--data-dir", "--sip-port", "--syslog",
                "--syslog-ca");
    }

    @Test
    void aViewerIsAddedWithItsPasswordFromStandardInputAndStoredHashed() throws Exception {
        java.io.InputStream stdin = System.in;
        System.setIn(new java.io.ByteArrayInputStream("viewer-secret-1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try {
            assertThat(run("user", "guard", "--role", "VIEWER", "--data-dir", dir.toString())).isZero();
        } finally {
            System.setIn(stdin);
        }
        var users = rock.intercom.portal.auth.UserStore.open(dir, java.util.Map.of(),
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()));
        assertThat(users.verify("guard", "viewer-secret-1".toCharArray()))
                .hasValueSatisfying(user -> assertThat(user.role()).isEqualTo(rock.intercom.portal.Role.VIEWER));
        assertThat(Files.readString(dir.resolve("portal-users.json"))).doesNotContain("viewer-secret-1");
    }

    @Test
    void aUserGivenADatabaseIsSavedWhereEveryPortalProcessReadsIt() throws Exception {
        java.io.InputStream stdin = System.in;
        try (var postgres = rock.intercom.testkit.PostgresServer.start()) {
            String dbUrl = postgres.createDatabase("users");
            System.setIn(new java.io.ByteArrayInputStream("viewer-secret-1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(run("user", "guard", "--db-url", dbUrl, "--data-dir", dir.toString())).isZero();
            java.util.List<java.util.Optional<rock.intercom.portal.auth.PortalUser>> seen = new java.util.ArrayList<>();
            rock.intercom.fleet.central.CentralPortal.onSharedUsers(dbUrl, java.util.Map.of(),
                    new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                    users -> seen.add(users.verify("guard", "viewer-secret-1".toCharArray())));
            assertThat(seen).singleElement().satisfies(user -> assertThat(user).isPresent());
            assertThat(dir.resolve("portal-users.json")).doesNotExist();
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void anUnknownRoleIsRefusedWithTheChoices() {
        assertThat(run("user", "guard", "--role", "GOD", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("VIEWER").contains("ACCOUNT_ADMINISTRATOR");
        assertThat(err.toString().strip().lines()).hasSize(1);
    }

    @Test
    void anUnknownOptionIsOneLineAndExitTwo() {
        assertThat(run("device", "--config", "x.yaml", "--bogus")).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("--bogus");
    }

    @Test
    void aBadSyslogTargetIsOneLineNamingTheReason() {
        assertThat(run("device", "--config", "x.yaml", "--syslog", "smtp://siem.example")).isEqualTo(2);
        assertThat(err.toString()).contains("--syslog").contains("udp, tcp or tls");
        assertThat(err.toString().strip().lines()).hasSize(1);
        err.getBuffer().setLength(0);
        assertThat(run("device", "--config", "x.yaml", "--syslog", "udp://siem.example", "--syslog-ca",
                dir.resolve("none.pem").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("only applies to tls://");
        assertThat(err.toString().strip().lines()).hasSize(1);
        err.getBuffer().setLength(0);
        assertThat(run("device", "--config", "x.yaml", "--syslog", "tls://siem.example", "--syslog-ca",
                dir.resolve("none.pem").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("none.pem not found");
        assertThat(err.toString().strip().lines()).hasSize(1);
    }

    @Test
    void aMissingConfigFileIsNamed() {
        assertThat(run("device", "--config", dir.resolve("nope.yaml").toString(), "--data-dir",
                dir.resolve("data").toString(), "--http-port", "0")).isNotZero();
        assertThat(err.toString()).contains("nope.yaml").contains("not found");
        assertThat(err.toString().strip().lines()).hasSize(1);
    }

    @Test
    void aBadFieldIsNamedWithItsReason() throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, Files.readString(Path.of("../examples/device.yaml"))
                .replace("port: 5060, transport: TCP", "port: 70000, transport: TCP"));
        assertThat(run("device", "--config", config.toString(), "--data-dir", dir.resolve("data").toString(),
                "--http-port", "0")).isNotZero();
        assertThat(err.toString()).contains("sip.server.port");
        assertThat(err.toString().strip().lines()).hasSize(1);
    }
}
