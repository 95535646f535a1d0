package rock.intercom.fleet.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.fleet.Wire;
import rock.intercom.fleet.central.CentralPortal;
import rock.intercom.testkit.TestDevices;

/**
 * Given a central portal, when 20 simulated doors start on shared threads, then all enrol and link,
 * each takes its own settings push, and every event they record arrives once.
 */
class FleetSimulatorTest {

    private static final String PASSWORD = "simulator-admin";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void twentyDoorsEnrolTakePushesAndShipTheirEvents() throws Exception {
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        try (CentralPortal portal = CentralPortal.start(dir.resolve("portal"), null, "127.0.0.1", 0,
                Map.of("INTERCOM_ADMIN_PASSWORD", PASSWORD), quiet)) {
            String url = "http://127.0.0.1:" + portal.port();
            try (FleetSimulator doors = FleetSimulator.start(TestDevices.sipDisabled(), 20, dir.resolve("doors"), url,
                    "admin", PASSWORD, 200, quiet)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> online(url) == 20);
                String first = TestDevices.sipDisabled().device().id() + "-0001";
                ObjectNode settings = (ObjectNode) Wire.MAPPER.readTree(send(url, "GET",
                        "/api/v1/devices/" + first + "/settings", null, 200));
                ((ObjectNode) settings.get("sip")).put("callNumber", "4711");
                send(url, "PUT", "/api/v1/devices/" + first + "/settings", settings.toString(), 200);
                assertThat(send(url, "GET", "/api/v1/devices/" + first + "/settings", null, 200)).contains("4711");
                // One change to every door at once: each keeps its own identity; a bad value comes back per door.
                JsonNode pushed = Wire.MAPPER.readTree(send(url, "POST", "/api/v1/settings-pushes",
                        "{\"settings\":{\"sip\":{\"callNumber\":\"4712\"}}}", 200));
                assertThat(pushed.path("applied").asInt()).isEqualTo(20);
                String last = TestDevices.sipDisabled().device().id() + "-0020";
                JsonNode lastSettings = Wire.MAPPER.readTree(send(url, "GET", "/api/v1/devices/" + last + "/settings",
                        null, 200));
                assertThat(lastSettings.at("/sip/callNumber").asText()).isEqualTo("4712");
                assertThat(lastSettings.at("/device/id").asText()).isEqualTo(last);
                JsonNode refused = Wire.MAPPER.readTree(send(url, "POST", "/api/v1/settings-pushes",
                        "{\"settings\":{\"sip\":{\"server\":{\"port\":70000}}},\"devices\":[\"" + last + "\"]}", 200));
                assertThat(refused.path("applied").asInt()).isZero();
                assertThat(refused.at("/results/" + last + "/errors").has("sip.server.port")).isTrue();
                send(url, "POST", "/api/v1/settings-pushes", "{\"settings\":{\"device\":{\"name\":\"x\"}}}", 400);
                assertThat(Wire.MAPPER.readTree(send(url, "GET", "/api/v1/events?name=Settings+Changed&limit=100",
                        null, 200)).path("events").size()).isEqualTo(21);
                Thread.sleep(1000);
                doors.stopActivity();
                Thread.sleep(100); // a tick already running finishes
                long recorded = doors.eventsRecorded();
                assertThat(recorded).isGreaterThan(50);
                await().atMost(Duration.ofSeconds(20)).until(() -> portalEvents(url) >= recorded);
                assertThat(portalEvents(url)).isEqualTo(recorded);
            }
        }
    }

    private static long online(String url) throws Exception {
        JsonNode devices = Wire.MAPPER.readTree(send(url, "GET", "/api/v1/devices", null, 200)).path("devices");
        return StreamSupport.stream(devices.spliterator(), false)
                .filter(d -> d.at("/status/connection").asText().equals("online")).count();
    }

    /** Shipped events at the portal (each carries its device's event id), across every page. */
    private static long portalEvents(String url) throws Exception {
        long count = 0;
        String before = "";
        while (true) {
            JsonNode page = Wire.MAPPER.readTree(send(url, "GET", "/api/v1/events?limit=1000" + before, null, 200));
            for (JsonNode event : page.path("events")) {
                if (event.at("/details/deviceEventId").isNumber()) {
                    count++;
                }
            }
            if (!page.path("nextBefore").isNumber()) {
                return count;
            }
            before = "&before=" + page.path("nextBefore").asLong();
        }
    }

    private static String send(String url, String method, String path, String body, int status) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return response.body();
    }
}
