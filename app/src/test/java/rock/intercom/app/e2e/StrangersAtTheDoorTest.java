package rock.intercom.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import rock.intercom.sip.BranchCollisionValve;
import rock.intercom.sip.call.CallServer;
import rock.intercom.testkit.Sipp;

/**
 * Issue 11, tried as an attacker on the LAN would, against a whole door registered to a real
 * Kamailio: given the door's settings (extension 505, allowed caller sip:400@127.0.0.1, a 2 s
 * no-audio watchdog), when SIPp sends these requests straight to the door's port or through the
 * server, then these SIP answers, these Security Events, and RTP from the door only where a
 * confirmed call allows it. RTP is counted on a socket of the test's own, named in the caller's SDP.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StrangersAtTheDoorTest {

    private static final Path DIR = Path.of("target", "e2e", "strangers-at-the-door").toAbsolutePath();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DOOR_PASSWORD = "door-505-secret";
    private static final String ALLOWED = "400";
    private static final String STRANGER = "666";
    private static final int WATCHDOG_SECONDS = 2;
    private static final String SERVER_TRANSACTIONS = "intercom_sip_transactions{side=\"server\"}";
    private static final String NOBODY_LISTENS = "v=0\no=scanner 1 1 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\n"
            + "t=0 0\nm=audio 9 RTP/AVP 0\na=rtpmap:0 PCMU/8000";

    private static CallServer server;
    private static DoorUnderTest door;

    @BeforeAll
    static void start() throws Exception {
        server = CallServer.start(DIR.resolve("kamailio"), Map.of("505", DOOR_PASSWORD), Map.of());
        door = DoorUnderTest.start(DIR.resolve("door"), Files.readString(Path.of("../examples/device.yaml"))
                .replace("sip:\n  enabled: false", "sip:\n  enabled: true")
                .replace("address: 10.40.0.224, port: 5060, transport: TCP, pollingIntervalSeconds: 30",
                        "address: 127.0.0.1, port: " + server.port() + ", transport: UDP, pollingIntervalSeconds: 10")
                .replace("authPassword: \"change-me\"", "authPassword: \"" + DOOR_PASSWORD + "\"")
                .replace("allowedCallers: [\"sip:400@10.40.0.224\"]", "allowedCallers: [\"sip:400@127.0.0.1\"]")
                .replace("customConfiguration:\n", "customConfiguration:\n  intercom.no_media_timeout_seconds: \""
                        + WATCHDOG_SECONDS + "\"\n"),
                43_100);
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
    @Order(1)
    void aForgedAllowedCallerStraightToTheDoorIsRefusedRecordedAndHearsNothing() throws Exception {
        int before = door.callEvents().size();
        try (RtpCounter ear = new RtpCounter();
                Sipp forger = Sipp.caller(DIR, "caller-refused.xml", doorAddress(), "505", "caller", ALLOWED,
                        "status", "403", "sdp", ear.offer())) {
            assertThat(forger.awaitExit(WAIT)).as(forger.transcript()).isZero();
            assertThat(forger.messages()).contains("SIP/2.0 403 Forbidden");
            Thread.sleep(1500);
            assertThat(ear.arrivals()).as("RTP from the door").isEmpty();
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(lines(before)).containsExactly(
                "Call Rejected sip:400@127.0.0.1 caller did not come through the SIP server"));
    }

    @Test
    @Order(2)
    void aScannerGetsTheSameAnswerForTheDoorsExtensionAndForAnyOtherUser() {
        int before = door.callEvents().size();
        for (String user : List.of("505", "999", "100")) {
            try (Sipp scanner = Sipp.caller(DIR, "caller-refused.xml", doorAddress(), user, "caller", STRANGER,
                    "status", "403", "sdp", NOBODY_LISTENS)) {
                assertThat(scanner.awaitExit(WAIT)).as(scanner.transcript()).isZero();
                assertThat(scanner.messages()).as(user).contains("SIP/2.0 403 Forbidden");
            }
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(lines(before)).hasSize(3)
                .allMatch(line -> line.equals("Call Rejected sip:666@127.0.0.1 caller did not come through the SIP server")));
    }

    /**
     * A flooding stranger who never ACKs gets one 403 from the running door, not one per Timer G
     * for 32 s (a reflection of ten to whatever source the packet claimed): the refused INVITE's
     * transaction is let go with its answer.
     */
    @Test
    @Order(3)
    void aStrangerWhoNeverAcknowledgesGetsOneRefusal() {
        try (Sipp stranger = Sipp.caller(DIR, "caller-refused-no-ack.xml", doorAddress(), "505", "caller", STRANGER,
                "status", "403")) {
            assertThat(stranger.awaitExit(WAIT)).as(stranger.transcript()).isZero();
            assertThat(stranger.messages().split("SIP/2.0 403 Forbidden", -1)).as(stranger.messages()).hasSize(2);
        }
    }

    /**
     * RFC 3261 §17.2.3 on the running device: the stack's valve is wired, the answer follows
     * §18.2.2. The first INVITE must be live, so it is an allowed caller's, straight to the door
     * (accepted since order 5), ringing for 5 s before the auto-answer; SIPp then cancels it.
     */
    @Test
    @Order(6)
    void anInviteReusingALiveBranchFromAnotherSentByIsAnswered() {
        door.applySettings(settings -> {
            String watchdog = "\"intercom.no_media_timeout_seconds\":\"" + WATCHDOG_SECONDS + "\"";
            assertThat(settings).contains(watchdog);
            return settings.replace(watchdog, watchdog + ",\"intercom.incoming_answer_delay_ms\":\"5000\"");
        });
        try (Sipp caller = Sipp.caller(DIR, "branch-collision.xml", doorAddress(), "505", "caller", ALLOWED)) {
            assertThat(caller.awaitExit(WAIT)).as(caller.transcript()).isZero();
            assertThat(caller.messages()).contains("Retry-After: " + BranchCollisionValve.RETRY_AFTER_SECONDS);
        }
    }

    /**
     * The guard desk holds the call through the server like a PBX without music on hold: no RTP
     * at all for more than twice the watchdog, and the call stays up; after the resume the
     * watchdog counts again, so the still silent caller is hung up on (SIPp fails on a BYE that
     * comes earlier).
     */
    @Test
    @Order(4)
    void aHeldCallLastsAsLongAsTheServerHoldsItAndTheResumeRearmsTheWatchdog() {
        int before = door.callEvents().size();
        try (Sipp desk = Sipp.caller(DIR, "caller-holds-silently.xml", serverAddress(), "505",
                "caller", ALLOWED, "hold", Integer.toString(WATCHDOG_SECONDS * 2500),
                "bye_within", Integer.toString(WATCHDOG_SECONDS * 1000 + 8000))) {
            assertThat(desk.awaitExit(WAIT)).as(desk.transcript()).isZero();
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(lines(before)).containsExactly(
                "Incoming Call sip:400@127.0.0.1",
                "Call Failed sip:400@127.0.0.1 media failed"));
    }

    /**
     * With {@code acceptDirectCalls} the same caller straight to the door is answered, but a blind
     * ACK (a To tag the 200 never carried) confirms nothing: the door's first RTP follows the real ACK.
     */
    @Test
    @Order(5)
    void withDirectCallsAcceptedTheCallIsAnsweredButNoAudioLeavesBeforeTheRealAck() throws Exception {
        door.applySettings(settings -> settings.replace("\"acceptDirectCalls\":false", "\"acceptDirectCalls\":true"));
        int before = door.callEvents().size();
        try (RtpCounter ear = new RtpCounter();
                Sipp caller = Sipp.caller(DIR, "caller-acks-blindly-first.xml", doorAddress(), "505",
                        "caller", ALLOWED, "sdp", ear.offer(), "blind", "1500", "talk", "1000")) {
            assertThat(caller.awaitExit(WAIT)).as(caller.transcript()).isZero();
            // The door retransmits its 200 until the real ACK (SIPp repeats the blind one meanwhile).
            List<Long> acks = sentAckTimes(caller.messages());
            assertThat(caller.messages()).contains("tag=guessed");
            assertThat(acks).as("blind ACKs, then the real one").hasSizeGreaterThanOrEqualTo(2);
            long realAck = acks.get(acks.size() - 1);
            assertThat(ear.arrivals()).as("RTP from the door during the call").isNotEmpty();
            assertThat(ear.arrivals().get(0)).as("first RTP after the real ACK").isGreaterThanOrEqualTo(realAck);
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(lines(before)).containsExactly(
                "Incoming Call sip:400@127.0.0.1",
                "Hanging Up sip:400@127.0.0.1 remote"));
    }

    /**
     * A stranger floods the door's port with INVITEs of its own (200, ~400 a second, never ACKing):
     * each is refused and their transactions are gone within seconds of the last refusal, as the
     * door's metrics show an operator. Before, each refused INVITE kept its transaction, a dialog and
     * the whole request 8 s after its answer (~16 MiB of heap under a 200/s flood).
     */
    @Test
    @Order(7)
    void aStrangersInviteFloodIsForgottenWithinSeconds() throws Exception {
        // The earlier tests' BYEs may keep their transactions (32 s, Timer J): the flood's own are
        // counted above what the door held before it.
        double before = sipGauge(SERVER_TRANSACTIONS);
        double most = flood(200, (i, from) -> strangersRequest("INVITE", i, from));
        assertThat(most).as("the flood's transactions, seen in the metrics").isGreaterThan(before);
        await().atMost(Duration.ofSeconds(4)).untilAsserted(() -> assertThat(sipGauge(SERVER_TRANSACTIONS))
                .as("server transactions left after the flood").isLessThanOrEqualTo(before));
    }

    /**
     * Requests the door has no use for (a MESSAGE, an unknown method, a SIP/3.0 OPTIONS), as a scanner
     * sends them, 300 at ~400 a second: each gets its answer (501, 505) and none is kept in a server
     * transaction (before, each stayed 32 s, Timer J, with its request).
     */
    @Test
    @Order(8)
    void requestsTheDoorHasNoUseForAreAnsweredWithoutKeepingThem() throws Exception {
        double before = sipGauge(SERVER_TRANSACTIONS);
        double most = flood(300, (i, from) -> switch (i % 3) {
            case 0 -> strangersRequest("MESSAGE", i, from);
            case 1 -> strangersRequest("FOO", i, from);
            default -> strangersRequest("OPTIONS", i, from).replaceFirst("SIP/2\\.0\r\n", "SIP/3.0\r\n");
        });
        assertThat(most).as("server transactions while the requests were answered").isLessThanOrEqualTo(before + 5);
    }

    /**
     * A stranger's UDP socket sends {@code count} requests straight to the door, ~400 a second, and
     * reads the refusals until nine in ten have come; the most server transactions the door's metrics
     * showed meanwhile.
     */
    private static double flood(int count, java.util.function.BiFunction<Integer, Integer, String> request)
            throws Exception {
        Set<String> refused = ConcurrentHashMap.newKeySet();
        double most = 0;
        try (DatagramSocket stranger = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            stranger.setSoTimeout(100);
            Thread reader = new Thread(() -> readRefusals(stranger, refused), "stranger-reader");
            reader.start();
            for (int i = 0; i < count; i++) {
                byte[] bytes = request.apply(i, stranger.getLocalPort()).getBytes(StandardCharsets.US_ASCII);
                stranger.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), door.sipPort()));
                Thread.sleep(2);
                if (i % 20 == 0) {
                    most = Math.max(most, sipGauge(SERVER_TRANSACTIONS));
                }
            }
            await().atMost(WAIT).until(() -> refused.size() >= count * 9 / 10);
            most = Math.max(most, sipGauge(SERVER_TRANSACTIONS));
            stranger.close();
            reader.join(2000);
        }
        return most;
    }

    private static String strangersRequest(String method, int i, int from) {
        return method + " sip:505@127.0.0.1:" + door.sipPort() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + from + ";branch=z9hG4bK-flood-" + method + i + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:" + STRANGER + "@127.0.0.1>;tag=flood" + i + "\r\n"
                + "To: <sip:505@127.0.0.1>\r\nCall-ID: flood-" + method + i + "@192.0.2.66\r\nCSeq: 1 " + method
                + "\r\nContact: <sip:" + STRANGER + "@127.0.0.1:" + from + ">\r\nContent-Length: 0\r\n\r\n";
    }

    /** Notes the Call-ID of every final refusal (4xx-6xx) the stranger receives, until its socket closes. */
    private static void readRefusals(DatagramSocket stranger, Set<String> refused) {
        byte[] buffer = new byte[4096];
        Pattern refusal = Pattern.compile("^SIP/2\\.0 [456]\\d\\d .*?\\r\\nCall-ID: *(\\S+)",
                Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
        while (!stranger.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                stranger.receive(packet);
            } catch (SocketTimeoutException idle) {
                continue;
            } catch (IOException closed) {
                return;
            }
            Matcher matcher = refusal.matcher(new String(buffer, 0, packet.getLength(), StandardCharsets.US_ASCII));
            if (matcher.find()) {
                refused.add(matcher.group(1));
            }
        }
    }

    /** One gauge of the door's Prometheus metrics, as a monitoring system scrapes it. */
    private static double sipGauge(String series) {
        String metrics = new String(door.fetch("GET", "/metrics", true).body(), StandardCharsets.UTF_8);
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        assertThat(value.find()).as(series + " in\n" + metrics).isTrue();
        return Double.parseDouble(value.group(1));
    }

    private static List<String> lines(int before) {
        List<String> all = door.callEventLines();
        return all.subList(before, all.size());
    }

    private static String doorAddress() {
        return "127.0.0.1:" + door.sipPort();
    }

    private static String serverAddress() {
        return "127.0.0.1:" + server.port();
    }

    /** When SIPp sent each ACK, from its message log (local wall clock, microseconds). */
    private static List<Long> sentAckTimes(String log) {
        Pattern sentAck = Pattern.compile("-+ (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3})\\d*\\s+"
                + "UDP message sent \\(\\d+ bytes\\):\\s+ACK ");
        Matcher matcher = sentAck.matcher(log);
        List<Long> times = new ArrayList<>();
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
        while (matcher.find()) {
            times.add(LocalDateTime.parse(matcher.group(1), format).atZone(ZoneId.systemDefault()).toInstant()
                    .toEpochMilli());
        }
        return times;
    }

    /** A UDP socket that notes when each packet arrives; its port is the audio of the offer it makes. */
    private static final class RtpCounter implements AutoCloseable {
        private final DatagramSocket socket;
        private final List<Long> arrivals = new CopyOnWriteArrayList<>();
        private final Thread reader;

        RtpCounter() throws IOException {
            socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            socket.setSoTimeout(100);
            reader = new Thread(this::read, "rtp-counter");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            byte[] buffer = new byte[2048];
            while (!socket.isClosed()) {
                try {
                    socket.receive(new DatagramPacket(buffer, buffer.length));
                    arrivals.add(System.currentTimeMillis());
                } catch (SocketTimeoutException idle) {
                    // Looks again until closed.
                } catch (IOException closed) {
                    return;
                }
            }
        }

        String offer() {
            return "v=0\no=caller 1 1 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\n"
                    + "m=audio " + socket.getLocalPort() + " RTP/AVP 0\na=rtpmap:0 PCMU/8000";
        }

        List<Long> arrivals() {
            return arrivals;
        }

        @Override
        public void close() throws InterruptedException {
            socket.close();
            reader.join(1000);
        }
    }
}
