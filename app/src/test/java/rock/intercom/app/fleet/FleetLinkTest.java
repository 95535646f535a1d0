package rock.intercom.app.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.app.DeviceOptions;
import rock.intercom.app.DeviceRuntime;
import rock.intercom.app.audio.AudioSetup;
import rock.intercom.events.EventQuery;
import rock.intercom.events.NewEvent;
import rock.intercom.events.SecurityEvent;
import rock.intercom.events.SecurityEventName;
import rock.intercom.fleet.agent.DeviceCredential;
import rock.intercom.fleet.agent.FleetAgent;
import rock.intercom.fleet.central.CentralPortal;
import rock.intercom.media.session.RtpPortRange;
import rock.intercom.testkit.FreePorts;
import rock.intercom.testkit.StartedPeers;

/**
 * Given a central portal and a door device (SIP off) on loopback, when the device enrols with a
 * one-time token, then the portal lists it, pushes settings it applies (or its field errors), presses
 * its button, and receives every event it records, also those made while the portal was down, once.
 */
class FleetLinkTest {

    private static final String PASSWORD = "fleet-admin-secret";
    private static final String DEVICE = "rockx-505";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private final StartedPeers running = new StartedPeers();
    private CentralPortal portal;
    private int port;

    @AfterEach
    void stop() throws Exception {
        running.close();
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void enrolsManagesAndCatchesUpEveryEventExactlyOnce() throws Exception {
        port = FreePorts.tcpAndUdp();
        startPortal();
        String token = JSON.readTree(post("/api/v1/enrolment-tokens", "", 201)).path("token").asText();
        assertThat(token).hasSizeGreaterThanOrEqualTo(40);

        DeviceRuntime device = startDevice(token);
        awaitOnline();
        assertThat(Files.getPosixFilePermissions(dir.resolve("device/" + DeviceCredential.FILE_NAME)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(get("/devices", 200)).contains("Last contact").contains("Backlog").contains(">online<");
        // The token was spent: a second enrolment with it is refused.
        post("/fleet/v1/enrol", "{\"token\":\"" + token + "\",\"deviceId\":\"thief\"}", 403);

        // Settings pushed from the portal are applied on the device.
        ObjectNode settings = (ObjectNode) JSON.readTree(get("/api/v1/devices/" + DEVICE + "/settings", 200));
        ((ObjectNode) settings.get("sip")).put("callNumber", "410");
        JsonNode applied = JSON.readTree(put("/api/v1/devices/" + DEVICE + "/settings", settings.toString(), 200));
        assertThat(applied.at("/sip/callNumber").asText()).isEqualTo("410");
        assertThat(device.settings().current().sip().callNumber()).isEqualTo("410");
        // A rejected document comes back with its field errors, and changes nothing.
        ((ObjectNode) settings.at("/sip/server")).put("port", 70000);
        JsonNode rejected = JSON.readTree(put("/api/v1/devices/" + DEVICE + "/settings", settings.toString(), 422));
        assertThat(rejected.path("errors").has("sip.server.port")).isTrue();
        assertThat(device.settings().current().sip().server().port()).isEqualTo(5060);

        // The portal's button press reaches the device (SIP is off, so the call fails at once).
        post("/api/v1/devices/" + DEVICE + "/button", "", 202);
        await().atMost(Duration.ofSeconds(10)).until(() -> portalEvents().stream()
                .anyMatch(e -> e.path("name").asText().equals("Call Failed")));

        // Portal down: the device keeps recording; after the restart the portal has each event once.
        portal.close();
        portal = null;
        for (int i = 0; i < 250; i++) {
            device.events().append(NewEvent.of(DEVICE, SecurityEventName.INPUT_LOST, Map.of("n", i)));
        }
        startPortal();
        List<Long> deviceIds = device.events().query(EventQuery.newest(1000)).stream()
                .map(SecurityEvent::id).sorted().toList();
        await().atMost(Duration.ofSeconds(20)).until(() -> shippedIds().size() >= deviceIds.size());
        Thread.sleep(1000); // a duplicate would arrive with the next ack round; give it the chance
        assertThat(shippedIds()).containsExactlyElementsOf(deviceIds);
        assertThat(JSON.readTree(get("/api/v1/devices", 200)).at("/devices/0/status/backlog").asLong()).isZero();
    }

    @Test
    void aLinkWithoutTheDevicesSecretIsRefusedBeforeTheUpgrade() throws Exception {
        port = FreePorts.tcpAndUdp();
        startPortal();
        String token = JSON.readTree(post("/api/v1/enrolment-tokens", "", 201)).path("token").asText();
        startDevice(token);
        awaitOnline();
        for (String bearer : List.of("Bearer " + DEVICE + ".wrong", "Bearer " + DEVICE, "Basic YWRtaW46eA==")) {
            assertThatThrownBy(() -> HTTP.newWebSocketBuilder().header("Authorization", bearer)
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/fleet/v1/link"), new WebSocket.Listener() { })
                    .get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
        // Revoked: the device is dropped from the list and its link closed.
        HttpResponse<String> revoked = HTTP.send(request("/api/v1/devices/" + DEVICE + "/credential").DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/devices", 200)).doesNotContain(DEVICE);
    }

    private void startPortal() {
        portal = CentralPortal.start(dir.resolve("portal"), null, "127.0.0.1", port,
                Map.of("INTERCOM_ADMIN_PASSWORD", PASSWORD), new PrintStream(new ByteArrayOutputStream()));
    }

    private DeviceRuntime startDevice(String token) throws Exception {
        Path config = dir.resolve("device.yaml");
        Files.copy(Path.of("../examples/device.yaml"), config);
        DeviceRuntime device = DeviceRuntime.open(new DeviceOptions(config, dir.resolve("device"), "127.0.0.1", 0, 0,
                AudioSetup.of("tone:440", "none", RtpPortRange.parse("40020-40039"))),
                Map.of("INTERCOM_ADMIN_PASSWORD", "device-admin"), new PrintStream(new ByteArrayOutputStream()));
        running.add(device);
        running.add(FleetAgent.start(device.device(), device.events(), dir.resolve("device"),
                "http://127.0.0.1:" + port, token, new PrintStream(new ByteArrayOutputStream())));
        return device;
    }

    private void awaitOnline() {
        await().atMost(Duration.ofSeconds(10)).until(() -> JSON.readTree(get("/api/v1/devices", 200))
                .at("/devices/0/status/connection").asText().equals("online"));
    }

    private List<JsonNode> portalEvents() throws Exception {
        List<JsonNode> events = new ArrayList<>();
        JSON.readTree(get("/api/v1/events?device=" + DEVICE + "&limit=1000", 200)).path("events")
                .forEach(events::add);
        return events;
    }

    /** The device-local ids of the events the portal holds, sorted, duplicates kept. */
    private List<Long> shippedIds() throws Exception {
        return portalEvents().stream().filter(e -> e.at("/details/deviceEventId").isNumber())
                .map(e -> e.at("/details/deviceEventId").asLong()).sorted().toList();
    }

    private String get(String path, int status) throws Exception {
        return send(request(path).GET().build(), status);
    }

    private String post(String path, String body, int status) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), status);
    }

    private String put(String path, String body, int status) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), status);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    private static String send(HttpRequest request, int status) throws Exception {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(request.method() + " " + request.uri() + ": " + response.body())
                .isEqualTo(status);
        return response.body();
    }
}
