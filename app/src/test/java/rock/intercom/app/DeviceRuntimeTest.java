package rock.intercom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.app.audio.AudioSetup;
import rock.intercom.events.EventQuery;
import rock.intercom.media.session.RtpPortRange;

/** Given the example config, when the device starts, then its API serves it and the button is recorded. */
class DeviceRuntimeTest {

    private static final String PASSWORD = "s3cret-for-tests";

    @TempDir
    static Path dir;
    static DeviceRuntime device;
    static HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path config = dir.resolve("device.yaml");
        Files.copy(Path.of("../examples/device.yaml"), config);
        device = DeviceRuntime.open(new DeviceOptions(config, dir.resolve("data"), "127.0.0.1", 0, 0,
                AudioSetup.of("tone:440", "none", RtpPortRange.parse("40000-40019"))),
                Map.of("INTERCOM_ADMIN_PASSWORD", PASSWORD), new PrintStream(new ByteArrayOutputStream()));
    }

    @AfterAll
    static void stop() {
        if (device != null) {
            device.close();
        }
    }

    @Test
    void servesTheExampleDeviceOnItsApi() throws Exception {
        HttpResponse<String> response = get("/api/v1/devices");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("rockx-505").contains("RockX-505");
    }

    @Test
    void settingsNeverShowThePassword() throws Exception {
        HttpResponse<String> response = get("/api/v1/devices/rockx-505/settings");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"authPasswordSet\":true").doesNotContain("change-me");
    }

    @Test
    void aPressWithSipDisabledFailsTheCallAndRecordsIt() throws Exception {
        HttpResponse<String> press = http.send(request("/api/v1/devices/rockx-505/button")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(press.statusCode()).isBetween(200, 202);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(device.events()
                .query(new EventQuery("rockx-505", null, null, null, null, 50)))
                .anySatisfy(event -> {
                    assertThat(event.name()).isEqualTo("Call Failed");
                    assertThat(event.details()).containsEntry("reason", "SIP is disabled");
                }));
    }

    @Test
    void appliedSettingsAreSavedInTheDataDirNotInTheConfigFile() throws Exception {
        String before = Files.readString(dir.resolve("device.yaml"));
        String document = get("/api/v1/devices/rockx-505/settings").body().replace("\"callTimeoutSeconds\":35",
                "\"callTimeoutSeconds\":33");
        HttpResponse<String> put = http.send(request("/api/v1/devices/rockx-505/settings")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(document))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(Files.readString(dir.resolve("device.yaml"))).isEqualTo(before);
        assertThat(Files.readString(dir.resolve("data").resolve(DeviceRuntime.SAVED_SETTINGS)))
                .contains("callTimeoutSeconds: 33").contains("change-me");
        assertThat(device.settings().current().sip().callOptions().callTimeoutSeconds()).isEqualTo(33);
    }

    @Test
    void theDataDirAndEveryFileInItAreOwnerOnly() throws Exception {
        Path data = dir.resolve("data");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
                .isEqualTo("rwx------");
        try (var files = Files.list(data)) {
            List<String> names = new java.util.ArrayList<>();
            files.filter(Files::isRegularFile).forEach(file -> {
                names.add(file.getFileName().toString());
                try {
                    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                            .as(file.toString()).isEqualTo("rw-------");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThat(names).contains("events.db", "settings.yaml", "settings.yaml.seed", "portal-users.json");
        }
    }

    @Test
    void aDocumentWithoutDeviceIdIsRefusedNotACrash() throws Exception {
        HttpResponse<String> put = http.send(request("/api/v1/devices/rockx-505/settings")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"sip\":{}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(422);
        assertThat(put.body()).contains("device");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        String basic = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + device.httpPort() + path))
                .header("Authorization", "Basic " + basic);
    }
}
