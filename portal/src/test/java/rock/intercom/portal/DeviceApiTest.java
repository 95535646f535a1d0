package rock.intercom.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static rock.intercom.portal.PortalFixture.ADMIN;
import static rock.intercom.portal.PortalFixture.ADMIN_PASSWORD;
import static rock.intercom.portal.PortalFixture.VIEWER;
import static rock.intercom.portal.PortalFixture.VIEWER_PASSWORD;
import static rock.intercom.portal.PortalFixture.basic;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rock.intercom.events.NewEvent;
import rock.intercom.events.SecurityEventName;

/** The device JSON API against the real server on a random port. */
class DeviceApiTest {

    @TempDir
    static Path dataDir;
    static PortalFixture portal;
    static final String AS_ADMIN = basic(ADMIN, ADMIN_PASSWORD);
    static final String AS_VIEWER = basic(VIEWER, VIEWER_PASSWORD);
    static final String SIP_SECRET = "Door-SIP-secret-42";

    @BeforeAll
    static void start() {
        portal = new PortalFixture(dataDir);
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return Json.MAPPER.readTree(response.body());
    }

    static String validDocument(String port, String password) {
        return """
                {"device": {"id": "rockx-505", "name": "RockX-505"},
                 "sip": {"enabled": true,
                         "server": {"address": "10.40.0.224", "port": %s, "transport": "TCP", "pollingIntervalSeconds": 30},
                         "encryption": "RTP_OPTIONAL_SRTP",
                         "identity": {"authUsername": "505", %s "displayName": "RockX-505", "extension": "505"},
                         "callNumber": "400", "fallbackNumbers": ["401"],
                         "callOptions": {"microphoneVolume": 80, "speakerVolume": 70, "callTimeoutSeconds": 35, "videoCalls": "OFF"},
                         "incomingCalls": {"allow": true, "mode": "EXTENSION_LIST", "allowedCallers": ["sip:400@10.40.0.224"]},
                         "proxy": {"enabled": false}},
                 "customConfiguration": {"intercom.default_server_controls_allowed_callers": "true"}}
                """.formatted(port, password == null ? "" : "\"authPassword\": \"" + password + "\",");
    }

    @Test
    void listsDevicesWithTheirStatus() throws Exception {
        HttpResponse<String> response = portal.get("/api/v1/devices", AS_VIEWER);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode devices = json(response).path("devices");
        assertThat(devices).hasSize(2);
        assertThat(devices.get(0).path("id").asText()).isEqualTo("rockx-505");
        assertThat(devices.get(0).path("name").asText()).isEqualTo("RockX-505");
        assertThat(devices.get(0).path("status").has("screen")).isTrue();
    }

    @Test
    void everyRouteRefusesAnonymousCallers() {
        for (RouteTable.Route route : portal.server.routes()) {
            if (route.access() == Access.ANYONE) {
                continue;
            }
            String path = route.path().replace("{id}", "rockx-505").replace("{name}", "guard").replace("{tokenId}", "0a0b0c");
            var builder = portal.request(path).method(route.method().name(),
                    java.net.http.HttpRequest.BodyPublishers.ofString("{}"));
            HttpResponse<String> response = portal.send(builder.header("Content-Type", "application/json").build());
            // Prometheus scrapes /metrics like the API: a Basic challenge, not a sign-in redirect.
            if (path.startsWith("/api/") || path.equals("/metrics")) {
                assertThat(response.statusCode()).as(route.toString()).isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate")).as(route.toString()).isPresent();
            } else {
                assertThat(response.statusCode()).as(route.toString()).isEqualTo(303);
                assertThat(response.headers().firstValue("Location")).as(route.toString()).hasValue("/sign-in");
            }
            assertThat(response.body()).as(route.toString()).doesNotContain("RockX-505");
        }
        assertThat(portal.door.presses()).isZero();
    }

    @Test
    void wrongPasswordIsRefused() {
        assertThat(portal.get("/api/v1/devices", basic(ADMIN, "nope")).statusCode()).isEqualTo(401);
        assertThat(portal.get("/api/v1/devices", basic("nobody", "nope")).statusCode()).isEqualTo(401);
        assertThat(portal.get("/api/v1/devices", "Basic !!!not-base64").statusCode()).isEqualTo(401);
    }

    @Test
    void viewerReadsButCannotModify() throws Exception {
        JsonNode before = portal.door.storedSettings();
        assertThat(portal.get("/api/v1/devices/rockx-505/settings", AS_VIEWER).statusCode()).isEqualTo(200);
        HttpResponse<String> put = portal.put("/api/v1/devices/rockx-505/settings", AS_VIEWER, validDocument("5060", null));
        assertThat(put.statusCode()).isEqualTo(403);
        assertThat(json(put).path("error").asText()).contains("Account Administrator");
        assertThat(portal.post("/api/v1/devices/rockx-505/button", AS_VIEWER).statusCode()).isEqualTo(403);
        assertThat(portal.post("/api/v1/devices/rockx-505/door", AS_VIEWER).statusCode()).isEqualTo(403);
        assertThat(portal.door.openedBy).isEmpty();
        assertThat(portal.door.storedSettings()).isEqualTo(before);
    }

    @Test
    void invalidSettingsAre422WithEveryErrorByFieldPathAndChangeNothing() throws Exception {
        JsonNode before = portal.door.storedSettings();
        String document = validDocument("70000", null).replace("\"speakerVolume\": 70", "\"speakerVolume\": 170");
        HttpResponse<String> response = portal.put("/api/v1/devices/rockx-505/settings", AS_ADMIN, document);
        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode errors = json(response).path("errors");
        assertThat(errors.path("sip.server.port").asText()).contains("65535");
        assertThat(errors.path("sip.callOptions.speakerVolume").asText()).contains("100");
        assertThat(json(response).size()).isEqualTo(1);
        assertThat(portal.door.storedSettings()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unclosed object | {\"sip\": {",
        "not JSON        | port=5060",
        "array           | [1, 2]",
        "string          | \"settings\"",
        "empty           | ''",
        "trailing tokens | {} {}"})
    void malformedBodiesAre400WithAClearMessage(String name, String body) throws Exception {
        HttpResponse<String> response = portal.put("/api/v1/devices/rockx-505/settings", AS_ADMIN, body);
        assertThat(response.statusCode()).isEqualTo(400);
        String message = json(response).path("error").asText();
        assertThat(message).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void wrongTypesAre4xxNot500() throws Exception {
        HttpResponse<String> response = portal.put("/api/v1/devices/rockx-505/settings", AS_ADMIN,
                validDocument("\"five thousand\"", null));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).path("errors").path("sip.server.port").asText()).contains("whole number");
    }

    @ParameterizedTest
    @CsvSource({"GET,/api/v1/devices/nope/status", "GET,/api/v1/devices/nope/settings",
        "PUT,/api/v1/devices/nope/settings", "POST,/api/v1/devices/nope/button", "POST,/api/v1/devices/nope/door"})
    void unknownDeviceIs404(String method, String path) throws Exception {
        HttpResponse<String> response = portal.send(portal.request(path).header("Authorization", AS_ADMIN)
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error").asText()).contains("nope");
    }

    @Test
    void aFailingDeviceGivesA500WithoutInternals() throws Exception {
        portal.otherDoor.failStatusWith(new IllegalStateException("internal detail 0xdead"));
        try {
            HttpResponse<String> response = portal.get("/api/v1/devices/rockx-506/status", AS_VIEWER);
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(json(response).path("error").asText()).contains("internal error");
            assertThat(response.body()).doesNotContain("0xdead").doesNotContain("IllegalStateException")
                    .doesNotContain("\tat ");
        } finally {
            portal.otherDoor.failStatusWith(null);
        }
    }

    @Test
    void unknownDevicePageIs404Html() {
        HttpResponse<String> response = portal.get("/devices/nope", AS_VIEWER);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("<h1>Not found</h1>").contains("no device with id &#39;nope&#39;");
    }

    @Test
    void unknownRouteIs404Json() throws Exception {
        HttpResponse<String> response = portal.get("/api/v1/nothing-here", AS_ADMIN);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).has("error")).isTrue();
    }

    @Test
    void appliedSettingsComeBackRedactedAndAnOmittedPasswordIsKept() throws Exception {
        HttpResponse<String> first = portal.put("/api/v1/devices/rockx-506/settings", AS_ADMIN,
                validDocument("5060", SIP_SECRET).replace("rockx-505", "rockx-506"));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).doesNotContain(SIP_SECRET).doesNotContain("authPassword\"");
        assertThat(json(first).at("/sip/identity/authPasswordSet").asBoolean()).isTrue();
        assertThat(json(first).at("/sip/server/port").asInt()).isEqualTo(5060);

        HttpResponse<String> second = portal.put("/api/v1/devices/rockx-506/settings", AS_ADMIN,
                validDocument("5070", null).replace("rockx-505", "rockx-506"));
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(portal.door.storedSettings().toString()).doesNotContain(SIP_SECRET);
        assertThat(portal.otherDoor.storedSettings().at("/sip/identity/authPassword").asText()).isEqualTo(SIP_SECRET);

        HttpResponse<String> read = portal.get("/api/v1/devices/rockx-506/settings", AS_VIEWER);
        assertThat(read.body()).doesNotContain(SIP_SECRET);
        assertThat(json(read).at("/sip/server/port").asInt()).isEqualTo(5070);

        var audit = portal.events.query(new rock.intercom.events.EventQuery("rockx-506",
                java.util.Set.of("Settings Changed"), null, null, null, 10));
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0).details()).containsEntry("user", ADMIN).containsEntry("via", "api");
        assertThat((java.util.List<Object>) audit.get(0).details().get("changed")).contains("sip.server.port")
                .doesNotContain("sip.identity.authPassword");
        assertThat((java.util.List<Object>) audit.get(1).details().get("changed")).contains("sip.identity.authPassword");
    }

    @Test
    void buttonPressIsAccepted() throws Exception {
        int before = portal.otherDoor.presses();
        HttpResponse<String> response = portal.post("/api/v1/devices/rockx-506/button", AS_ADMIN);
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response).path("pressed").asBoolean()).isTrue();
        assertThat(portal.otherDoor.presses()).isEqualTo(before + 1);
        assertThat(json(portal.get("/api/v1/devices/rockx-506/status", AS_VIEWER)).path("screen").asText())
                .isIn("Dialing 400…", "Idle");
    }

    @Test
    void anAdministratorOpensTheDoorAndARelayFailureIsAConflictWithItsReason() throws Exception {
        HttpResponse<String> opened = portal.post("/api/v1/devices/rockx-506/door", AS_ADMIN);
        assertThat(opened.statusCode()).isEqualTo(202);
        assertThat(json(opened).path("opened").asBoolean()).isTrue();
        assertThat(portal.otherDoor.openedBy).containsExactly("admin by API");

        portal.otherDoor.relayFails = true;
        HttpResponse<String> refused = portal.post("/api/v1/devices/rockx-506/door", AS_ADMIN);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).path("opened").asBoolean()).isFalse();
        assertThat(json(refused).path("reason").asText()).isEqualTo(TestDoor.RELAY_FAILURE);
        assertThat(portal.otherDoor.openedBy).hasSize(1);
    }

    @Test
    void eventsFilterByDeviceNamesAndTimeNewestFirstWithPaging() throws Exception {
        Instant t0 = Instant.parse("2020-05-01T10:00:00Z");
        for (int i = 0; i < 5; i++) {
            portal.events.appendAt(t0.plusSeconds(i * 60L),
                    NewEvent.of("rockx-505", i % 2 == 0 ? SecurityEventName.DIALING : SecurityEventName.CALL_FAILED,
                            Map.of("attempt", i)));
        }
        String range = "&from=2020-05-01T10:00:00Z&to=2020-05-01T10:10:00Z";
        JsonNode dialing = json(portal.get("/api/v1/events?device=rockx-505&name=Dialing" + range, AS_VIEWER));
        assertThat(dialing.path("events")).hasSize(3);
        assertThat(dialing.at("/events/0/details/attempt").asInt()).isEqualTo(4);
        assertThat(dialing.at("/events/0/time").asText()).isEqualTo("2020-05-01T10:04:00Z");

        JsonNode both = json(portal.get("/api/v1/events?name=Dialing,Call%20Failed" + range, AS_VIEWER));
        assertThat(both.path("events")).hasSize(5);
        JsonNode repeated = json(portal.get("/api/v1/events?name=Dialing&name=Call%20Failed" + range, AS_VIEWER));
        assertThat(repeated.path("events")).hasSize(5);

        JsonNode page1 = json(portal.get("/api/v1/events?limit=2" + range, AS_VIEWER));
        assertThat(page1.path("events")).hasSize(2);
        long next = page1.path("nextBefore").asLong();
        JsonNode page2 = json(portal.get("/api/v1/events?limit=2&before=" + next + range, AS_VIEWER));
        assertThat(page2.at("/events/0/id").asLong()).isLessThan(next);
        assertThat(page2.at("/events/0/details/attempt").asInt()).isEqualTo(2);

        JsonNode window = json(portal.get("/api/v1/events?from=2020-05-01T10:01:00Z&to=2020-05-01T10:02:00Z", AS_VIEWER));
        assertThat(window.path("events")).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "from=yesterday                                  | from must be an ISO-8601",
        "to=2020-13-01T00:00:00Z                         | to must be an ISO-8601",
        "limit=0                                         | limit must be between 1 and 1000",
        "limit=5000                                      | limit must be between 1 and 1000",
        "limit=ten                                       | limit must be a whole number",
        "before=-3                                       | before must be between",
        "from=2020-01-02T00:00:00Z&to=2020-01-01T00:00:00Z | must not be after"})
    void badEventQueriesAre400(String query, String message) throws Exception {
        HttpResponse<String> response = portal.get("/api/v1/events?" + query, AS_VIEWER);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).contains(message);
    }

    /** The call's received picture for whoever may view the device; the camera's view only for Modify; never cached. */
    @Test
    void picturesAreJpegForTheRightRolesNeverCachedAndBounded() throws Exception {
        String video = "/api/v1/devices/rockx-505/calls/current/video.jpg";
        String camera = "/api/v1/devices/rockx-505/camera.jpg";
        try {
            HttpResponse<String> none = portal.get(video, AS_VIEWER);
            assertThat(none.statusCode()).isEqualTo(404);
            assertThat(json(none).path("error").asText()).isEqualTo("no call");

            byte[] jpeg = TestDoor.jpeg(320, 240, java.awt.Color.ORANGE);
            portal.door.received = new Picture.Jpeg(jpeg);
            HttpResponse<byte[]> picture = portal.http.send(portal.request(video).header("Authorization", AS_VIEWER)
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(picture.statusCode()).isEqualTo(200);
            assertThat(picture.headers().firstValue("Content-Type")).hasValue("image/jpeg");
            assertThat(picture.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(picture.body()).isEqualTo(jpeg);
            assertThat(portal.get(video, "").statusCode()).isEqualTo(401);

            assertThat(portal.get(camera, AS_VIEWER).statusCode()).as("installers only").isEqualTo(403);
            HttpResponse<String> broken = portal.get(camera, AS_ADMIN);
            assertThat(broken.statusCode()).isEqualTo(503);
            assertThat(json(broken).path("error").asText()).contains("no camera in this test");
            portal.door.camera = new Picture.Jpeg(jpeg);
            assertThat(portal.get(camera, AS_ADMIN).statusCode()).isEqualTo(200);

            // A device fault that made a huge "picture" is refused, not relayed.
            portal.door.received = new Picture.Jpeg(new byte[(1 << 20) + 1]);
            assertThat(portal.get(video, AS_VIEWER).statusCode()).isEqualTo(503);
        } finally {
            portal.door.received = new Picture.Missing("no call");
            portal.door.camera = new Picture.Failed("the camera gave no picture: no camera in this test");
        }
    }
}
