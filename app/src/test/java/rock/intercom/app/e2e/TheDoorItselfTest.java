package rock.intercom.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import rock.intercom.app.door.ButtonSource;
import rock.intercom.app.door.DoorWiring;
import rock.intercom.app.door.InputEvent;
import rock.intercom.call.DoorCall;
import rock.intercom.sip.call.CallServer;
import rock.intercom.testkit.Baresip;
import rock.intercom.testkit.FreePorts;
import rock.intercom.testkit.Sipp;

/**
 * The door itself (issue 13), end to end: a whole device whose wired call button is a FIFO
 * carrying the kernel's {@code input_event} records and whose door relay is a file standing in
 * for a sysfs GPIO value, registered to a real Kamailio. A baresip guard desk answers the wired
 * press; SIPp guard phones key in the door code by SIP INFO and by RFC 4733 events (SIPp's own
 * DTMF captures), and the relay file shows the pulse.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TheDoorItselfTest {

    private static final Path DIR = Path.of("target", "e2e", "the-door-itself").toAbsolutePath();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DOOR_PASSWORD = "door-505-secret";
    private static final String DESK_PASSWORD = "desk-400-secret";
    /** Digits whose SIPp captures rise in sequence number and timestamp, as one RTP stream would. */
    private static final String CODE = "2589";
    private static final int KEY_PROG1 = 148;
    private static final int GUARD_PHONE = FreePorts.tcpAndUdp();

    private static CallServer server;
    private static DoorUnderTest door;
    private static Path button;
    private static Path relay;
    /** Every value the relay file held, sampled every 20 ms: the pulse as the strike would see it. */
    private static final List<String> relayValues = new CopyOnWriteArrayList<>();
    private static ScheduledExecutorService sampler;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(DIR);
        button = DIR.resolve("event-call-button");
        Files.deleteIfExists(button);
        mkfifo(button);
        relay = Files.writeString(DIR.resolve("gpio18-value"), "0");
        server = CallServer.start(DIR.resolve("kamailio"), Map.of("505", DOOR_PASSWORD, "400", DESK_PASSWORD),
                Map.of("401", "sip:127.0.0.1:" + GUARD_PHONE));
        door = DoorUnderTest.start(DIR.resolve("door"), Files.readString(Path.of("../examples/device.yaml"))
                        .replace("sip:\n  enabled: false", "sip:\n  enabled: true")
                        .replace("address: 10.40.0.224, port: 5060, transport: TCP, pollingIntervalSeconds: 30",
                                "address: 127.0.0.1, port: " + server.port() + ", transport: UDP, pollingIntervalSeconds: 10")
                        .replace("authPassword: \"change-me\"", "authPassword: \"" + DOOR_PASSWORD + "\"")
                        .replace("fallbackNumbers: [\"401\", \"402\"]", "fallbackNumbers: []")
                        .replace("callTimeoutSeconds: 35", "callTimeoutSeconds: 10")
                        + "door:\n  release: { enabled: true, dtmfCode: \"" + CODE + "\", pulseSeconds: 1, during: [OUTGOING] }\n",
                FreePorts.udpRun(20),
                new DoorWiring(new ButtonSource.Evdev(button, KEY_PROG1), "sysfs:" + relay));
        door.awaitRegistered();
        sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> {
            try {
                String value = Files.readString(relay).strip();
                // The stand-in file is truncated then written: a read in between sees nothing.
                if (value.isEmpty()) {
                    return;
                }
                if (relayValues.isEmpty() || !relayValues.get(relayValues.size() - 1).equals(value)) {
                    relayValues.add(value);
                }
            } catch (Exception ignored) {
                // the next sample reads it
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
    }

    @AfterAll
    static void stop() {
        if (sampler != null) {
            sampler.shutdownNow();
        }
        if (door != null) {
            door.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static void mkfifo(Path path) throws Exception {
        assertThat(new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor()).isZero();
    }

    /** The kernel's records for one press and release of the wired button. */
    private static void pressWiredButton() throws Exception {
        try (OutputStream out = Files.newOutputStream(button)) {
            out.write(new InputEvent(InputEvent.EV_KEY, KEY_PROG1, 1).encode());
            out.write(new InputEvent(0, 0, 0).encode());
            out.write(new InputEvent(InputEvent.EV_KEY, KEY_PROG1, 0).encode());
            out.write(new InputEvent(0, 0, 0).encode());
        }
    }

    private static void callNumber(String number) {
        door.applySettings(settings -> settings.replaceAll("\"callNumber\":\"\\d+\"", "\"callNumber\":\"" + number + "\""));
    }

    /** One SIP INFO per digit (application/dtmf-relay), each answered 200 before the next. */
    private static String infoDigits(String digits) {
        StringBuilder xml = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            xml.append("<send retrans=\"500\"><![CDATA[\n"
                    + "      INFO [next_url] SIP/2.0\n"
                    + "      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]\n"
                    + "      From: [$remote_to];tag=[pid]SIPpTag01[call_number]\n"
                    + "      To: [$remote_from]\n"
                    + "      [routes]\n"
                    + "      Call-ID: [call_id]\n"
                    + "      CSeq: " + (2 + i) + " INFO\n"
                    + "      Contact: <sip:[local_ip]:[local_port];transport=[transport]>\n"
                    + "      Max-Forwards: 70\n"
                    + "      Content-Type: application/dtmf-relay\n"
                    + "      Content-Length: [len]\n\n"
                    + "      Signal=" + digits.charAt(i) + "\n"
                    + "      Duration=160\n"
                    + "    ]]></send>\n"
                    + "  <recv response=\"200\" crlf=\"true\"/>\n"
                    + "  <pause milliseconds=\"100\"/>\n");
        }
        return xml.toString();
    }

    /** RFC 4733 telephone-events, from the DTMF captures SIPp ships. */
    private static String rtpEventDigits(String digits) {
        StringBuilder xml = new StringBuilder();
        for (char digit : digits.toCharArray()) {
            xml.append("<nop><action><exec play_pcap_audio=\"/usr/share/sip-tester/dtmf_2833_").append(digit)
                    .append(".pcap\"/></action></nop>\n  <pause milliseconds=\"400\"/>\n");
        }
        return xml.toString();
    }

    private static Sipp guardPhone(String dtmf) {
        return Sipp.scenario("station-sends-dtmf.xml").dir(DIR).localPort(GUARD_PHONE)
                .fill("<!--DTMF-->", dtmf).fill("@hold_ms@", 1500).timeout(Duration.ofSeconds(40)).listen();
    }

    private static List<String> names(String name) {
        List<String> found = new ArrayList<>();
        door.events(name).forEach(event -> found.add(event.path("details").toString()));
        return found;
    }

    @Test
    @Order(1)
    void aWiredPressCallsTheGuardDeskOnBaresipThroughKamailio() throws Exception {
        try (Baresip desk = Baresip.registered(DIR.resolve("baresip-400"), "400", DESK_PASSWORD, server.port())) {
            callNumber("400");
            int before = door.callEvents().size();
            pressWiredButton();
            await().atMost(WAIT).until(() -> door.status().path("screen").asText().equals("Connected 400"));
            await().atMost(WAIT).until(() -> desk.log().contains("Call established"));
            assertThat(server.requests()).anyMatch(request -> request.contains("REQ INVITE sip:400@"));

            Thread.sleep(DoorCall.DEBOUNCE.toMillis() + 100);
            pressWiredButton();
            await().atMost(WAIT).until(() -> door.callEvents().size() >= before + 3);
            assertThat(door.callEventLines().subList(before, door.callEventLines().size())).containsExactly(
                    "Dialing 400", "Call Established 400", "Hanging Up 400 device");
        }
    }

    @Test
    @Order(2)
    void theCodeBySipInfoPulsesTheRelayAndIsRecorded() throws Exception {
        callNumber("401");
        relayValues.clear();
        try (Sipp phone = guardPhone(infoDigits(CODE))) {
            int opened = door.events("Door Opened").size();
            Thread.sleep(DoorCall.DEBOUNCE.toMillis() + 100);
            pressWiredButton();
            await().atMost(WAIT).until(() -> door.events("Door Opened").size() > opened);
            assertThat(phone.awaitExit(WAIT)).as(phone.transcript()).isZero();
        }
        await().atMost(WAIT).until(() -> relayValues.size() >= 3);
        assertThat(relayValues).startsWith("0", "1", "0");
        JsonNode event = door.events("Door Opened").get(0).path("details");
        assertThat(event.path("by").asText()).isEqualTo("DTMF");
        assertThat(event.path("remote").asText()).contains("401");
        assertThat(event.path("pulse").asText()).isEqualTo("1 s");
        assertThat(event.toString()).doesNotContain(CODE);
    }

    @Test
    @Order(3)
    void theCodeByRfc4733EventsPulsesTheRelay() throws Exception {
        callNumber("401");
        relayValues.clear();
        int opened = door.events("Door Opened").size();
        try (Sipp phone = guardPhone(rtpEventDigits(CODE))) {
            Thread.sleep(DoorCall.DEBOUNCE.toMillis() + 100);
            pressWiredButton();
            await().atMost(WAIT).until(() -> door.events("Door Opened").size() > opened);
            assertThat(phone.awaitExit(WAIT)).as(phone.transcript()).isZero();
        }
        await().atMost(WAIT).until(() -> relayValues.size() >= 3);
        assertThat(relayValues).startsWith("0", "1", "0");
    }

    @Test
    @Order(4)
    void threeWrongCodesAreRefusedAndTheRestOfTheCallIsIgnored() throws Exception {
        callNumber("401");
        relayValues.clear();
        int refused = door.events("Door Release Refused").size();
        int opened = door.events("Door Opened").size();
        try (Sipp phone = guardPhone(infoDigits("1111" + "2222" + "3333" + CODE))) {
            Thread.sleep(DoorCall.DEBOUNCE.toMillis() + 100);
            pressWiredButton();
            assertThat(phone.awaitExit(WAIT)).as(phone.transcript()).isZero();
        }
        await().atMost(WAIT).until(() -> door.events("Door Release Refused").size() >= refused + 3);
        List<String> refusals = names("Door Release Refused").subList(0, 3);
        assertThat(refusals).allSatisfy(details -> assertThat(details).contains("\"reason\":\"wrong code\""));
        assertThat(refusals.get(0)).contains("\"attempt\":3");
        assertThat(door.events("Door Release Refused")).hasSize(refused + 3);
        assertThat(door.events("Door Opened")).hasSize(opened);
        assertThat(relayValues).containsOnly("0");
    }

    @Test
    @Order(5)
    void anAdministratorOpensTheDoorThroughTheApi() throws Exception {
        relayValues.clear();
        assertThat(door.openDoor()).isEqualTo(202);
        await().atMost(WAIT).until(() -> relayValues.size() >= 3);
        assertThat(relayValues).startsWith("0", "1", "0");
        assertThat(door.events("Door Opened").get(0).path("details").path("user").asText()).isEqualTo("admin");
    }

    @Test
    @Order(6)
    void anUnpluggedButtonIsLostAndRestoredAndWorksAgain() throws Exception {
        Files.delete(button);
        await().atMost(WAIT).until(() -> !door.events("Input Lost").isEmpty());
        assertThat(door.events("Input Lost").get(0).path("details").path("reason").asText()).isEqualTo("device removed");
        mkfifo(button);
        await().atMost(WAIT).until(() -> !door.events("Input Restored").isEmpty());

        callNumber("401");
        try (Sipp phone = guardPhone("")) {
            int dialing = door.events("Dialing").size();
            Thread.sleep(DoorCall.DEBOUNCE.toMillis() + 100);
            pressWiredButton();
            await().atMost(WAIT).until(() -> door.events("Dialing").size() > dialing);
            assertThat(phone.awaitExit(WAIT)).as(phone.transcript()).isZero();
        }
    }
}
