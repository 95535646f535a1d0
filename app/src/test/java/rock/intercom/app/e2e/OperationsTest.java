package rock.intercom.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import rock.intercom.call.DoorCall;
import rock.intercom.sip.call.CallServer;
import rock.intercom.testkit.Baresip;
import rock.intercom.testkit.Sipp;

/**
 * Issue 15's operations on a whole door registered to a real Kamailio: health, Prometheus metrics
 * after a call to a real baresip desk and a stranger's refused INVITE (SIPp).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsTest {

    static final Path DIR = Path.of("target", "e2e", "operations").toAbsolutePath();
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String DOOR_PASSWORD = "door-505-ops-secret";
    static final String DESK_PASSWORD = "desk-400-ops-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PCMU = "v=0\no=caller 1 1 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\n"
            + "m=audio 6000 RTP/AVP 0\na=rtpmap:0 PCMU/8000";

    static CallServer server;
    static DoorUnderTest door;

    @BeforeAll
    static void start() throws Exception {
        server = CallServer.start(DIR.resolve("kamailio"), Map.of("505", DOOR_PASSWORD, "400", DESK_PASSWORD),
                Map.of());
        door = DoorUnderTest.start(DIR.resolve("door"), doorYaml(server.port(), DOOR_PASSWORD), 43_200);
        door.awaitRegistered();
    }

    /** examples/device.yaml registered over UDP to the test's Kamailio, calling 400 with no fallback. */
    static String doorYaml(int serverPort, String password) throws Exception {
        return Files.readString(Path.of("../examples/device.yaml"))
                .replace("sip:\n  enabled: false", "sip:\n  enabled: true")
                .replace("address: 10.40.0.224, port: 5060, transport: TCP, pollingIntervalSeconds: 30",
                        "address: 127.0.0.1, port: " + serverPort + ", transport: UDP, pollingIntervalSeconds: 10")
                .replace("authPassword: \"change-me\"", "authPassword: \"" + password + "\"")
                .replace("fallbackNumbers: [\"401\", \"402\"]", "fallbackNumbers: []")
                .replace("allowedCallers: [\"sip:400@10.40.0.224\"]", "allowedCallers: [\"sip:555@127.0.0.1\"]");
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
    void healthNeedsNoSignInAndSaysUpWhenRegistered() throws Exception {
        HttpResponse<byte[]> response = door.fetch("GET", "/api/v1/health", false);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(response.body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("checks").path("callThread").asText()).isEqualTo("ok");
        assertThat(health.path("checks").path("eventStore").asText()).isEqualTo("ok");
        assertThat(health.path("checks").path("registration").path("state").asText()).isEqualTo("REGISTERED");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain(DOOR_PASSWORD);
    }

    @Test
    @Order(1)
    void metricsNeedTheApisCredentials() {
        HttpResponse<byte[]> anonymous = door.fetch("GET", "/metrics", false);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    @Order(2)
    void aCallToBaresipAndARefusedStrangerMoveTheCounters() throws Exception {
        String before = scrape();
        assertThat(value(before, "intercom_registration_state{state=\"REGISTERED\"}")).isEqualTo(1.0);
        assertThat(before).contains("jvm_memory_used_bytes{", "jvm_threads_live_threads ", "process_uptime_seconds ");
        double established = value(before, "intercom_calls_total{outcome=\"established\"}");
        double appends = value(before, "intercom_event_store_append_seconds_count{result=\"ok\"}");

        try (Baresip desk = Baresip.registered(DIR.resolve("baresip-400"), "400", DESK_PASSWORD, server.port())) {
            door.pressButton();
            await().atMost(WAIT).until(() -> door.status().path("screen").asText().equals("Connected 400"));
            Thread.sleep(Math.max(DoorCall.DEBOUNCE.toMillis() + 100, 1500)); // audio flows both ways meanwhile
            door.pressButton();
            await().atMost(WAIT).until(() -> door.status().path("screen").asText().equals("Idle"));
        }
        try (Sipp stranger = Sipp.caller(DIR, "caller-refused.xml", "127.0.0.1:" + server.port(), "505", "caller",
                "666", "status", "403", "sdp", PCMU)) {
            assertThat(stranger.awaitExit(WAIT)).as(stranger.transcript()).isZero();
        }

        await().atMost(WAIT).untilAsserted(() -> {
            String after = scrape();
            assertThat(value(after, "intercom_calls_total{outcome=\"established\"}")).isEqualTo(established + 1);
            assertThat(value(after, "intercom_calls_total{outcome=\"rejected\"}")).isGreaterThanOrEqualTo(1.0);
            assertThat(value(after, "intercom_invites_refused_total{status=\"403\"}")).isEqualTo(1.0);
            assertThat(value(after, "intercom_event_store_append_seconds_count{result=\"ok\"}"))
                    .isGreaterThanOrEqualTo(appends + 4); // Dialing, Established, Hanging Up, Rejected
            assertThat(value(after, "intercom_call_mos_count")).isEqualTo(1.0);
            assertThat(value(after, "intercom_rtp_packets_received_total")).isGreaterThan(20.0);
            assertThat(value(after, "intercom_last_call_mos")).isBetween(4.0, 4.5);
            assertThat(value(after, "intercom_last_call_rtp_loss_ratio")).isLessThan(0.05);
            // NaN until the first keepalive (every pollingIntervalSeconds = 10 s) is answered.
            assertThat(value(after, "intercom_keepalive_rtt_seconds")).isBetween(0.0, 1.0);
        });
    }

    @Test
    @Order(3)
    void anAdministratorDownloadsTheSipTraceOfThatCallAsPcapWithoutAnySecret() throws Exception {
        assertThat(door.fetch("GET", "/api/v1/devices/rockx-505/sip-trace.pcap", false).statusCode()).isEqualTo(401);
        HttpResponse<byte[]> response = door.fetch("GET", "/api/v1/devices/rockx-505/sip-trace.pcap", true);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/vnd.tcpdump.pcap");

        java.util.List<String> messages = PcapReader.sipPayloads(response.body());
        assertThat(messages).hasSizeGreaterThan(6);
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("INVITE sip:400@"));
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("SIP/2.0 200 ").containsPattern(
                "(?im)^CSeq: \\d+ INVITE"));
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("ACK sip:"));
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("BYE sip:"));
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("SIP/2.0 403")); // the stranger's refusal
        // Digest responses stay (hashes, not passwords); the passwords appear nowhere.
        assertThat(messages).anySatisfy(m -> assertThat(m).containsPattern("(?im)^(Proxy-)?Authorization: Digest .*response="));
        String whole = new String(response.body(), StandardCharsets.ISO_8859_1);
        assertThat(whole).doesNotContain(DOOR_PASSWORD).doesNotContain(DESK_PASSWORD);
        PcapReader.checkWithTcpdump(response.body(), DIR.resolve("trace.pcap"), messages.size());
    }

    @Test
    @Order(4)
    void theSelfTestRegistersPingsTheServerCallsTheDeskHearsItAndRecordsTheResult() throws Exception {
        assertThat(door.fetch("POST", "/api/v1/devices/rockx-505/self-test", false).statusCode()).isEqualTo(401);
        try (Baresip desk = Baresip.registered(DIR.resolve("baresip-400-self-test"), "400", DESK_PASSWORD,
                server.port())) {
            HttpResponse<byte[]> response = door.fetch("POST", "/api/v1/devices/rockx-505/self-test", true);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode report = JSON.readTree(response.body());
            assertThat(report.path("result").asText()).as(report.toPrettyString()).isEqualTo("PASSED");
            JsonNode steps = report.path("steps");
            assertThat(steps.get(0).path("name").asText()).isEqualTo("registration");
            assertThat(steps.get(1).path("name").asText()).isEqualTo("OPTIONS round trip");
            assertThat(steps.get(1).path("status").asInt()).as(report.toPrettyString()).isBetween(200, 499);
            assertThat(steps.get(1).path("roundTripMs").asDouble()).isPositive();
            JsonNode call = steps.get(2);
            assertThat(call.path("name").asText()).isEqualTo("test call");
            assertThat(call.path("number").asText()).isEqualTo("400");
            assertThat(call.path("audio").path("peerToDoor").asText()).startsWith("received ");
            assertThat(call.path("audio").path("doorToPeer").asText()).as(report.toPrettyString())
                    .startsWith("the peer reports");
            assertThat(call.path("audio").path("mos").asDouble()).isGreaterThan(4.0);
            await().atMost(WAIT).until(() -> desk.log().contains("session closed"));
        }
        await().atMost(WAIT).until(() -> door.status().path("screen").asText().equals("Idle"));
        JsonNode event = door.events("Self-Test").get(0).path("details");
        assertThat(event.path("result").asText()).isEqualTo("PASSED");
        assertThat(event.path("call").asText()).startsWith("PASSED: audio flows both ways");
        assertThat(door.callEventLines()).endsWith("Dialing 400", "Call Established 400", "Hanging Up 400 device");
    }

    @Test
    @Order(5)
    void aSelfTestWithNobodyAtTheDeskFailsAndSaysWhy() throws Exception {
        JsonNode report = JSON.readTree(door.fetch("POST", "/api/v1/devices/rockx-505/self-test", true).body());
        assertThat(report.path("result").asText()).isEqualTo("FAILED");
        assertThat(report.path("steps").get(0).path("result").asText()).isEqualTo("PASSED");
        assertThat(report.path("steps").get(2).path("result").asText()).isEqualTo("FAILED");
        assertThat(report.path("steps").get(2).path("detail").asText()).startsWith("the call was not answered (400: ");
        assertThat(door.events("Self-Test").get(0).path("details").path("result").asText()).isEqualTo("FAILED");
    }

    private static String scrape() {
        HttpResponse<byte[]> response = door.fetch("GET", "/metrics", true);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** The sample's value in Prometheus text format; 0 when the series is not there yet. */
    static double value(String exposition, String series) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
        return line.find() ? Double.parseDouble(line.group(1)) : 0.0;
    }
}
