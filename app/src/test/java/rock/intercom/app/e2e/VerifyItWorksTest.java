package rock.intercom.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import rock.intercom.call.DoorCall;
import rock.intercom.sip.call.CallServer;
import rock.intercom.testkit.Baresip;
import rock.intercom.testkit.FreePorts;
import rock.intercom.testkit.Sipp;

/**
 * The guide's "Verify it works", end to end: a whole door device registered to a real Kamailio,
 * real SIPp stations and a real baresip guard desk, driven and observed only through the device's
 * HTTP API (button, status, events).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerifyItWorksTest {

    private static final Path DIR = Path.of("target", "e2e", "verify-it-works").toAbsolutePath();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DOOR_PASSWORD = "door-505-secret";
    private static final String DESK_PASSWORD = "desk-400-secret";
    private static final int BUSY = FreePorts.tcpAndUdp();
    private static final int RINGS_FOREVER = FreePorts.tcpAndUdp();
    private static final int ANSWERS = FreePorts.tcpAndUdp();

    private static final String PCMU = "v=0\no=caller 1 1 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\n"
            + "m=audio 6000 RTP/AVP 0\na=rtpmap:0 PCMU/8000";

    private static CallServer server;
    private static DoorUnderTest door;

    @BeforeAll
    static void start() throws Exception {
        server = CallServer.start(DIR.resolve("kamailio"), Map.of("505", DOOR_PASSWORD, "400", DESK_PASSWORD),
                Map.of("401", "sip:127.0.0.1:" + BUSY, "402", "sip:127.0.0.1:" + RINGS_FOREVER,
                        "403", "sip:127.0.0.1:" + ANSWERS));
        door = DoorUnderTest.start(DIR.resolve("door"), Files.readString(Path.of("../examples/device.yaml"))
                .replace("sip:\n  enabled: false", "sip:\n  enabled: true")
                .replace("address: 10.40.0.224, port: 5060, transport: TCP, pollingIntervalSeconds: 30",
                        "address: 127.0.0.1, port: " + server.port() + ", transport: UDP, pollingIntervalSeconds: 10")
                .replace("authPassword: \"change-me\"", "authPassword: \"" + DOOR_PASSWORD + "\"")
                .replace("callNumber: \"400\"", "callNumber: \"401\"")
                .replace("fallbackNumbers: [\"401\", \"402\"]", "fallbackNumbers: [\"402\", \"403\"]")
                .replace("callTimeoutSeconds: 35", "callTimeoutSeconds: 5")
                .replace("allowedCallers: [\"sip:400@10.40.0.224\"]", "allowedCallers: [\"sip:555@127.0.0.1\"]"),
                43_000);
        door.awaitRegistered();
    }

    @AfterAll
    static void stop() {
        if (door != null) {
            door.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(0)
    void theDoorRegistersAndSaysSoInItsStatusAndEvents() {
        JsonNode registration = door.status().path("registration");
        assertThat(registration.path("state").asText()).isEqualTo("REGISTERED");
        assertThat(registration.path("server").asText()).isEqualTo("127.0.0.1:" + server.port());
        assertThat(registration.path("transport").asText()).isEqualTo("UDP");
        assertThat(door.events("Registered")).anySatisfy(event ->
                assertThat(event.path("details").path("transport").asText()).isEqualTo("UDP"));
    }

    @Test
    @Order(1)
    void busyThenNoAnswerThenAnsweredWalksTheFallbackNumbers() {
        try (Sipp busy = Sipp.station(DIR, "station-final.xml", BUSY, "status", "486", "reason", "Busy Here");
                Sipp ringing = Sipp.station(DIR, "station-ring-forever.xml", RINGS_FOREVER);
                Sipp answering = Sipp.station(DIR, "station-answer-then-bye.xml", ANSWERS)) {
            int before = door.callEvents().size();
            door.pressButton();

            await().atMost(WAIT).until(() -> door.callEvents().size() >= before + 7);
            assertThat(door.callEventLines().subList(before, door.callEventLines().size())).containsExactly(
                    "Dialing 401",
                    "Call Failed 401 busy",
                    "Dialing 402",
                    "Call Failed 402 no answer",
                    "Dialing 403",
                    "Call Established 403",
                    "Hanging Up 403 remote");
            JsonNode established = door.callEvents().get(before + 5).path("details");
            assertThat(established.path("attempt").asInt()).isEqualTo(3);
            assertThat(established.path("of").asInt()).isEqualTo(3);
            assertThat(established.path("callId").asText()).isNotBlank();
            assertThat(established.path("media").asText()).isEqualTo("RTP");
            JsonNode busyFailure = door.callEvents().get(before + 1).path("details");
            assertThat(busyFailure.path("sipStatus").asInt()).isEqualTo(486);
            assertThat(busy.awaitExit(WAIT)).as(busy.transcript()).isZero();
            assertThat(ringing.awaitExit(WAIT)).as(ringing.transcript()).isZero();
            assertThat(answering.awaitExit(WAIT)).as(answering.transcript()).isZero();
            await().atMost(WAIT).until(() -> door.status().path("screen").asText().equals("Idle"));
        }
    }

    @Test
    @Order(2)
    void theGuardDeskOnBaresipAnswersAndTheButtonEndsTheCall() throws Exception {
        try (Baresip desk = Baresip.registered(DIR.resolve("baresip-400"), "400", DESK_PASSWORD,
                server.port())) {
            door.applySettings(settings -> settings.replace("\"callNumber\":\"401\"", "\"callNumber\":\"400\"")
                    .replace("\"fallbackNumbers\":[\"402\",\"403\"]", "\"fallbackNumbers\":[]"));
            int before = door.callEvents().size();
            door.pressButton();
            await().atMost(WAIT).until(() -> door.status().path("screen").asText().equals("Connected 400"));
            await().atMost(WAIT).until(() -> desk.log().contains("Call established"));

            // A press closer than the debounce window to the last change of state is contact bounce.
            Thread.sleep(DoorCall.DEBOUNCE.toMillis() + 100);
            door.pressButton();
            await().atMost(WAIT).until(() -> door.callEvents().size() >= before + 3);
            assertThat(door.callEventLines().subList(before, door.callEventLines().size())).containsExactly(
                    "Dialing 400",
                    "Call Established 400",
                    "Hanging Up 400 device");
            await().atMost(WAIT).until(() -> desk.log().contains("session closed"));
        }
    }

    @Test
    @Order(3)
    void anAllowedCallerIsAnsweredAndAStrangerIsRefused() {
        String serverAddress = "127.0.0.1:" + server.port();
        int before = door.callEvents().size();
        try (Sipp allowed = Sipp.caller(DIR, "caller-hangs-up.xml", serverAddress, "505", "caller", "555")) {
            assertThat(allowed.awaitExit(WAIT)).as(allowed.transcript()).isZero();
        }
        try (Sipp stranger = Sipp.caller(DIR, "caller-refused.xml", serverAddress, "505", "caller", "666",
                "status", "403", "sdp", PCMU)) {
            assertThat(stranger.awaitExit(WAIT)).as(stranger.transcript()).isZero();
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(door.callEventLines().subList(before,
                door.callEventLines().size())).containsExactly(
                        "Incoming Call sip:555@127.0.0.1",
                        "Hanging Up sip:555@127.0.0.1 remote",
                        "Call Rejected sip:666@127.0.0.1 caller not in Allow Incoming Calls list"));
    }
}
