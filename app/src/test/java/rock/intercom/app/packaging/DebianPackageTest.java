package rock.intercom.app.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.app.service.NotifySocket;
import rock.intercom.testkit.FreePorts;
import rock.intercom.testkit.KamailioServer;
import rock.intercom.testkit.TestCertificates;

/**
 * The Debian package, built by {@code packaging/build-deb.sh} and installed into this machine:
 * its metadata and contents, the unit under {@code systemd-analyze verify}, the installed launcher
 * running the device as the service would (its user, its ExecStart, {@code NOTIFY_SOCKET} and
 * {@code WATCHDOG_USEC} as systemd sets them) registered at a real Kamailio, then purge. Installing
 * needs root: CI runs as root; elsewhere the test is skipped and says so. Runs in the
 * integration-test phase (after {@code package}, which made the jars it packs).
 */
class DebianPackageTest {

    private static final String PACKAGE = "rock-intercom";
    private static final String PASSWORD = "pkg-admin-pass-1";
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void onlyAsRootAfterPackage() throws Exception {
        assumeTrue(Boolean.getBoolean("intercom.packaged"),
                "runs in the integration-test phase, after package (./mvnw verify)");
        assumeTrue(run(List.of("id", "-u"), Map.of(), 10).output().trim().equals("0"),
                "installing the .deb needs root: run ./run-tests as root (CI does) to test the package");
        purge();
    }

    @AfterEach
    void closeAndPurge() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        if (Boolean.getBoolean("intercom.packaged")) {
            purge();
        }
    }

    @Test
    void buildsInstallsRunsAsTheServiceAndPurges() throws Exception {
        Result built = run(List.of(ROOT.resolve("packaging/build-deb.sh").toString(), "--no-build"), Map.of(), 240);
        assertThat(built.code()).as(built.output()).isZero();
        String[] lines = built.output().trim().split("\n");
        Path deb = Path.of(lines[lines.length - 1]);
        assertThat(deb.getFileName().toString()).matches("rock-intercom_.+_(amd64|arm64|armhf|i386)\\.deb");

        String info = ok(List.of("dpkg-deb", "--info", deb.toString()));
        assertThat(info).contains("Package: rock-intercom", "libc6", "libasound2", "passwd")
                .doesNotContain("libx11", "libfreetype", "openjdk");
        String contents = ok(List.of("dpkg-deb", "--contents", deb.toString()));
        assertThat(contents).contains("./usr/bin/rock-intercom -> ../lib/rock-intercom/bin/intercom",
                "./lib/systemd/system/rock-intercom.service", "./etc/rock-intercom/device.yaml",
                "./etc/default/rock-intercom", "./usr/lib/rock-intercom/runtime/bin/java",
                "./usr/lib/rock-intercom/lib/intercom-app.jar", "./usr/lib/rock-intercom/lib/classes.lst")
                .doesNotContain("intercom-demo", "bin/javac", "libawt_xawt");
        assertThat(ok(List.of("dpkg-deb", "--info", deb.toString(), "conffiles")))
                .contains("/etc/rock-intercom/device.yaml", "/etc/default/rock-intercom");

        ok(List.of("dpkg", "-i", deb.toString()));
        assertThat(ok(List.of("getent", "passwd", PACKAGE))).contains("/usr/sbin/nologin");
        assertThat(ok(List.of("stat", "-c", "%a %U:%G", "/etc/rock-intercom/device.yaml")).trim())
                .isEqualTo("640 root:rock-intercom");
        assertThat(ok(List.of("stat", "-c", "%a", "/etc/default/rock-intercom")).trim()).isEqualTo("600");
        assertThat(Path.of("/var/cache/rock-intercom/intercom.jsa")).isRegularFile();
        assertThat(Path.of("/etc/systemd/system/multi-user.target.wants/rock-intercom.service")).exists();
        Result verify = run(List.of("systemd-analyze", "verify", "/lib/systemd/system/rock-intercom.service"),
                Map.of(), 60);
        assertThat(verify.code()).as(verify.output()).isZero();
        assertThat(verify.output()).as("warnings about the unit").doesNotContain("rock-intercom.service");

        Result help = run(List.of("/usr/bin/rock-intercom", "device", "--help"), Map.of(), 60);
        assertThat(help.code()).as(help.output()).isZero();
        assertThat(help.output()).contains("--button", "--door-relay", "--config");

        runsAsTheServiceWould();

        ok(List.of("dpkg", "--purge", PACKAGE));
        assertThat(Path.of("/usr/lib/rock-intercom")).doesNotExist();
        assertThat(Path.of("/etc/rock-intercom")).doesNotExist();
        assertThat(Path.of("/var/lib/rock-intercom")).doesNotExist();
        assertThat(Path.of("/var/cache/rock-intercom")).doesNotExist();
        assertThat(Path.of("/lib/systemd/system/rock-intercom.service")).doesNotExist();
    }

    /** ExecStart (bin/service) as the unit's user, with systemd's environment, against a real registrar. */
    private void runsAsTheServiceWould() throws Exception {
        KamailioServer kamailio = KamailioServer.registrar(dir.resolve("kamailio"), Map.of("505", "door-505-pass"),
                "MD5", 3600, TestCertificates.generate(dir.resolve("certs"))).start();
        open.add(kamailio);
        // The service user cannot enter JUnit's 0700 temp dir: its own dirs, as systemd would make them.
        Path home = Files.createTempDirectory("rock-intercom-pkgtest", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        open.add(() -> run(List.of("rm", "-rf", home.toString()), Map.of(), 30));
        Path config = home.resolve("device.yaml");
        Files.writeString(config, """
                device: { id: pkg-door, name: Packaged door }
                sip:
                  enabled: true
                  server: { address: 127.0.0.1, port: %d, transport: UDP, pollingIntervalSeconds: 30, caCertificatePem: null }
                  encryption: RTP_OPTIONAL_SRTP
                  identity: { authUsername: "505", authPassword: "door-505-pass", displayName: Door, extension: "505" }
                  callNumber: "400"
                  fallbackNumbers: []
                  callOptions: { microphoneVolume: 80, speakerVolume: 70, callTimeoutSeconds: 35, videoCalls: OFF }
                  incomingCalls: { allow: true, mode: EXTENSION_LIST, allowedCallers: [] }
                  proxy: { enabled: false, address: null, port: 5060, authUsername: null, authPassword: null }
                """.formatted(kamailio.udpPort()));
        Path state = Files.createDirectory(home.resolve("state"));
        ok(List.of("chown", "rock-intercom:rock-intercom", state.toString()));
        // An abstract socket: systemd's own is not reachable here, and the user needs no file access to it.
        NotifySocket notify = new NotifySocket("@rock-intercom-pkgtest-" + ProcessHandle.current().pid());
        open.add(notify);
        int httpPort = FreePorts.tcpAndUdp();
        int sipPort = FreePorts.tcpAndUdp();
        ProcessBuilder builder = new ProcessBuilder("setpriv", "--reuid=rock-intercom", "--regid=rock-intercom",
                "--init-groups", "/usr/lib/rock-intercom/bin/service")
                .redirectErrorStream(true).redirectOutput(dir.resolve("service.log").toFile());
        builder.environment().putAll(Map.of("NOTIFY_SOCKET", notify.name(), "WATCHDOG_USEC", "2000000",
                "STATE_DIRECTORY", state.toString(), "INTERCOM_CONFIG", config.toString(),
                "INTERCOM_HTTP_HOST", "127.0.0.1", "INTERCOM_HTTP_PORT", Integer.toString(httpPort),
                "INTERCOM_SIP_PORT", Integer.toString(sipPort), "INTERCOM_ADMIN_PASSWORD", PASSWORD,
                "INTERCOM_OPTS", "--microphone tone:1000 --speaker none"));
        Process device = builder.start();
        open.add(() -> {
            device.destroy();
            device.waitFor(20, TimeUnit.SECONDS);
            device.destroyForcibly();
        });

        Optional<String> ready = notify.receive(Duration.ofSeconds(60));
        assertThat(ready).as(log()).isPresent();
        assertThat(ready.get()).startsWith("READY=1\nSTATUS=device pkg-door");
        String status = await().atMost(Duration.ofSeconds(15)).until(() -> get(httpPort,
                "/api/v1/devices/pkg-door/status"), body -> body.contains("\"REGISTERED\""));
        assertThat(status).contains("\"state\":\"REGISTERED\"");
        assertThat(notify.receive(Duration.ofSeconds(3))).as("fed while the call thread and SIP agent answer")
                .contains("WATCHDOG=1");
        // The JVM is the package's runtime and the main PID (bin/service and bin/intercom exec), with the CDS archive mapped.
        long pid = device.pid();
        assertThat(Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe")).toString())
                .isEqualTo("/usr/lib/rock-intercom/runtime/bin/java");
        assertThat(Files.readString(Path.of("/proc/" + pid + "/maps"))).contains("/var/cache/rock-intercom/intercom.jsa");
        assertThat(ok(List.of("stat", "-c", "%U", "/proc/" + pid)).trim()).isEqualTo("rock-intercom");
        assertThat(Files.list(state).map(p -> p.getFileName().toString())).contains("events.db", "settings.yaml");

        device.destroy();
        assertThat(device.waitFor(20, TimeUnit.SECONDS)).isTrue();
        Optional<String> stopping = Optional.empty();
        for (Optional<String> m = notify.receive(Duration.ofSeconds(2)); m.isPresent();
                m = notify.receive(Duration.ofSeconds(2))) {
            stopping = m.filter(s -> s.startsWith("STOPPING=1"));
            if (stopping.isPresent()) {
                break;
            }
        }
        assertThat(stopping).as("STOPPING=1 on SIGTERM").isPresent();
        assertThat(log()).doesNotContain("door-505-pass", PASSWORD);
    }

    private String log() throws IOException {
        return Files.readString(dir.resolve("service.log"));
    }

    private static String get(int port, String path) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Basic " + basic).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private static void purge() throws Exception {
        if (run(List.of("dpkg", "-s", PACKAGE), Map.of(), 30).code() == 0) {
            ok(List.of("dpkg", "--purge", PACKAGE));
        }
    }

    private static String ok(List<String> command) throws Exception {
        Result result = run(command, Map.of(), 120);
        assertThat(result.code()).as(command + ": " + result.output()).isZero();
        return result.output();
    }

    private record Result(int code, String output) {
    }

    private static Result run(List<String> command, Map<String, String> env, int timeoutSeconds) throws Exception {
        Path out = Files.createTempFile("pkgtest", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " took over " + timeoutSeconds + " s: " + Files.readString(out));
            }
            return new Result(process.exitValue(), Files.readString(out));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
