package rock.intercom.app.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import rock.intercom.app.DeviceOptions;
import rock.intercom.app.DeviceRuntime;
import rock.intercom.app.audio.AudioSetup;
import rock.intercom.app.door.DoorWiring;
import rock.intercom.media.session.RtpPortRange;

/**
 * A whole door device (settings, call logic, SIP agent and dialogs, audio, event store, API) run
 * in-process from a YAML document, driven and observed only through its HTTP API, as an installer
 * would do the guide's "Verify it works".
 */
final class DoorUnderTest implements AutoCloseable {

    static final String ADMIN_PASSWORD = "e2e-admin-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DeviceRuntime device;
    private final HttpClient http = HttpClient.newHttpClient();

    private DoorUnderTest(DeviceRuntime device) {
        this.device = device;
    }

    static DoorUnderTest start(Path dir, String yaml, int rtpLow) {
        return start(dir, yaml, AudioSetup.of("tone:1000", "none", new RtpPortRange(rtpLow, rtpLow + 19)));
    }

    /** With these microphone and speaker, e.g. a speaker the test listens to. */
    static DoorUnderTest start(Path dir, String yaml, AudioSetup audio) {
        return start(dir, yaml, audio, DoorWiring.NONE);
    }

    /** With a wired button and door relay, as {@code --button} and {@code --door-relay} give them. */
    static DoorUnderTest start(Path dir, String yaml, int rtpLow, DoorWiring wiring) {
        return start(dir, yaml, AudioSetup.of("tone:1000", "none", new RtpPortRange(rtpLow, rtpLow + 19)), wiring);
    }

    static DoorUnderTest start(Path dir, String yaml, AudioSetup audio, DoorWiring wiring) {
        return start(dir, yaml, audio, wiring, rock.intercom.app.ops.OperationsOptions.NONE);
    }

    /** With the operations flags ({@code --syslog}) as the device command gives them. */
    static DoorUnderTest start(Path dir, String yaml, int rtpLow, rock.intercom.app.ops.OperationsOptions operations) {
        return start(dir, yaml, AudioSetup.of("tone:1000", "none", new RtpPortRange(rtpLow, rtpLow + 19)),
                DoorWiring.NONE, operations);
    }

    private static DoorUnderTest start(Path dir, String yaml, AudioSetup audio, DoorWiring wiring,
            rock.intercom.app.ops.OperationsOptions operations) {
        try {
            Files.createDirectories(dir);
            Path config = dir.resolve("device.yaml");
            Files.writeString(config, yaml);
            DeviceRuntime device = DeviceRuntime.open(new DeviceOptions(config, dir.resolve("data"), "127.0.0.1", 0, 0,
                    audio, null, wiring), operations,
                    Map.of("INTERCOM_ADMIN_PASSWORD", ADMIN_PASSWORD), new PrintStream(new ByteArrayOutputStream()));
            return new DoorUnderTest(device);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One request as an operator's tool makes it (Prometheus, a pcap download), with or without
     * the administrator's credentials; the raw response, whatever its status.
     */
    HttpResponse<byte[]> fetch(String method, String path, boolean authenticated) {
        HttpRequest.Builder builder = authenticated ? request(path)
                : HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + device.httpPort() + path));
        try {
            return http.send(builder.method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    int sipPort() {
        return device.sipPort();
    }

    /** The device itself, for what the API does not show (the call's media counters). */
    DeviceRuntime runtime() {
        return device;
    }

    JsonNode status() {
        return get("/api/v1/devices/rockx-505/status");
    }

    void awaitRegistered() {
        await().atMost(Duration.ofSeconds(15)).until(() -> status().path("registration").path("state").asText()
                .equals("REGISTERED"));
    }

    void pressButton() {
        send(request("/api/v1/devices/rockx-505/button").POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Remote door release through the API, as an access-control server would; the HTTP status. */
    int openDoor() {
        try {
            return http.send(request("/api/v1/devices/rockx-505/door").POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Reads the settings document, edits its JSON text and PUTs it back, as an integration script would. */
    void applySettings(java.util.function.UnaryOperator<String> edit) {
        String document = edit.apply(get("/api/v1/devices/rockx-505/settings").toString());
        send(request("/api/v1/devices/rockx-505/settings").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(document)).build());
    }

    /** The device's call events, oldest first, read through the event API. */
    List<JsonNode> callEvents() {
        JsonNode page = get("/api/v1/events?device=rockx-505&limit=200"
                + "&name=Dialing&name=Call%20Established&name=Call%20Failed&name=Hanging%20Up"
                + "&name=Call%20Rejected&name=Incoming%20Call");
        JsonNode events = page.isArray() ? page : page.path("events");
        List<JsonNode> oldestFirst = new ArrayList<>();
        events.forEach(event -> oldestFirst.add(0, event));
        return oldestFirst;
    }

    /** The device's events of one name, newest first. */
    List<JsonNode> events(String name) {
        List<JsonNode> found = new ArrayList<>();
        get("/api/v1/events?device=rockx-505&limit=50&name=" + name.replace(" ", "%20")).path("events")
                .forEach(found::add);
        return found;
    }

    /** "Name reason" lines, oldest first, for readable assertions. */
    List<String> callEventLines() {
        return callEvents().stream().map(event -> (event.path("name").asText() + " "
                + event.path("details").path("number").asText(event.path("details").path("caller").asText()) + " "
                + event.path("details").path("reason").asText(event.path("details").path("side").asText())).strip())
                .toList();
    }

    private JsonNode get(String path) {
        try {
            return JSON.readTree(send(request(path).GET().build()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new AssertionError(request.uri() + " → " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        String basic = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + device.httpPort() + path))
                .header("Authorization", "Basic " + basic);
    }

    @Override
    public void close() {
        device.close();
    }
}
