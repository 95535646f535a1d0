package rock.intercom.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import rock.intercom.media.rtp.RtpPacket;
import rock.intercom.testkit.FreePorts;
import rock.intercom.testkit.Goertzel;
import rock.intercom.testkit.Sipp;

/**
 * The demo PBX against SIPp playing the door: registration with digest auth over UDP and TCP, a
 * call to the guard desk with the tone checked on the wire, refusals, PBX-side hang-up and
 * malformed input. One PBX for the class, on a free port.
 */
@Execution(ExecutionMode.SAME_THREAD)
class DemoPbxSippTest {
    static final String DOOR_PASSWORD = "door-secret-505";
    static final String OTHER_PASSWORD = "other-secret-506";
    static final String CALLED_DOOR_PASSWORD = "called-door-507";
    private static final String PLAIN_AUDIO = """
              m=audio 40000 RTP/AVP 0 8 101
              a=rtpmap:101 telephone-event/8000""";
    private static DemoPbx pbx;

    /** SIPp as door 505 (UDP unless changed) calling or registering at the PBX for {@code service}. */
    static Sipp.Options door(String scenario, int pbxPort, String service) {
        return Sipp.scenario(scenario).remote("127.0.0.1:" + pbxPort).service(service).credentials("505", DOOR_PASSWORD);
    }

    @BeforeAll
    static void startPbx() throws Exception {
        pbx = DemoPbx.start(DemoPbxOptions.of(0, Map.of("505", DOOR_PASSWORD, "506", OTHER_PASSWORD,
            "507", CALLED_DOOR_PASSWORD))
            .withRingDelay(Duration.ofMillis(300)));
    }

    @AfterAll
    static void stopPbx() {
        if (pbx != null) {
            pbx.close();
        }
    }

    @Test
    void doorRegistersWithDigestAuthOverUdp() throws Exception {
        Sipp.Outcome outcome;
        int sippPort;
        try (Sipp sipp = door("register.xml", pbx.port(), "505").start()) {
            sippPort = sipp.port();
            outcome = sipp.awaitExit();
        }
        assertThat(outcome.passed()).as(outcome.toString()).isTrue();
        assertThat(pbx.bindings("505")).extracting(Binding::contact)
            .contains("sip:505@127.0.0.1:" + sippPort + ";transport=UDP");
    }

    @Test
    void doorRegistersWithDigestAuthOverTcp() throws Exception {
        Sipp.Outcome outcome;
        int sippPort;
        try (Sipp sipp = door("register.xml", pbx.port(), "505").transport("t1").start()) {
            sippPort = sipp.port();
            outcome = sipp.awaitExit();
        }
        assertThat(outcome.passed()).as(outcome.toString()).isTrue();
        assertThat(pbx.bindings("505")).extracting(Binding::contact)
            .contains("sip:505@127.0.0.1:" + sippPort + ";transport=TCP");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "wrong password, 506, not-the-password",
        "unknown user, 999, whatever",
        "another user's extension, 505, " + DOOR_PASSWORD})
    void registrationIsForbiddenAndNothingIsBound(String why, String authUser, String password) throws Exception {
        Sipp.Outcome outcome = door("register-forbidden.xml", pbx.port(), "506")
            .credentials(authUser, password).run();
        assertThat(outcome.passed()).as(outcome.toString()).isTrue();
        assertThat(pbx.bindings("506")).isEmpty();
    }

    @ParameterizedTest(name = "SIPp transport {0}")
    @ValueSource(strings = {"u1", "t1"})
    void guardDeskAnswersAndPlaysA440HzToneUntilBye(String transport) throws Exception {
        try (RtpCollector rtp = new RtpCollector()) {
            Sipp.Outcome outcome = door("call-guard-desk.xml", pbx.port(), "400")
                .transport(transport).key("rtp_port", rtp.port()).pause(1500).run();
            assertThat(outcome.passed()).as(outcome.toString()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> pbx.callsInProgress() == 0);
            // After the BYE the stream stops: silence for longer than 20 packets' time.
            await().atMost(Duration.ofSeconds(5))
                .until(() -> rtp.nanosSinceLastPacket() > Duration.ofMillis(400).toNanos());

            List<RtpPacket> received = rtp.packets();
            assertThat(received).hasSizeGreaterThanOrEqualTo(20);
            assertThat(received).allSatisfy(p -> {
                assertThat(p.payloadType()).isZero(); // PCMU
                assertThat(p.payload()).hasSize(160); // 20 ms at 8 kHz
            });
            for (int i = 1; i < received.size(); i++) {
                assertThat(received.get(i).sequenceNumber()).isEqualTo((received.get(i - 1).sequenceNumber() + 1) & 0xFFFF);
                assertThat(received.get(i).timestamp()).isEqualTo((received.get(i - 1).timestamp() + 160) & 0xFFFF_FFFFL);
            }
            short[] pcm = rtp.decodedUlaw();
            double tone = Goertzel.power(pcm, 440, 8000);
            assertThat(tone).isGreaterThan(100 * Goertzel.power(pcm, 1000, 8000))
                .isGreaterThan(100 * Goertzel.power(pcm, 350, 8000));
        }
    }

    static Stream<Arguments> refusedCalls() {
        return Stream.of(
            Arguments.of("wrong password", "400", PLAIN_AUDIO, 403),
            Arguments.of("unknown number", "999", PLAIN_AUDIO, 404),
            Arguments.of("registered user, no forwarding", "506", PLAIN_AUDIO, 480),
            Arguments.of("SRTP only", "400", """
                  m=audio 40000 RTP/SAVP 0
                  a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz""", 488),
            Arguments.of("no G.711", "400", """
                  m=audio 40000 RTP/AVP 9
                  a=rtpmap:9 G722/8000""", 488),
            Arguments.of("SDP without m= port", "400", "      m=audio x RTP/AVP 0", 400));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("refusedCalls")
    void callIsRefused(String why, String number, String media, int status) throws Exception {
        String password = status == 403 ? "not-the-password" : DOOR_PASSWORD;
        Sipp.Outcome outcome = door("invite-refused.xml", pbx.port(), number)
            .fill(Map.of("@STATUS@", Integer.toString(status), "@MEDIA@", media))
            .credentials("505", password).run();
        assertThat(outcome.passed()).as(outcome.toString()).isTrue();
        assertThat(pbx.callsInProgress()).isZero();
    }

    @Test
    void holdByReInviteIsAnsweredRecvonlyAndTheToneStops() throws Exception {
        try (RtpCollector rtp = new RtpCollector();
             Sipp sipp = door("hold-by-reinvite.xml", pbx.port(), "400")
                 .key("rtp_port", rtp.port()).pause(1500).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !rtp.packets().isEmpty());
            // Held: the call is still up but no packet for 25 packets' time.
            await().atMost(Duration.ofSeconds(30)).until(() -> pbx.establishedCalls() == 1
                && rtp.nanosSinceLastPacket() > Duration.ofMillis(500).toNanos());
            Sipp.Outcome outcome = sipp.awaitExit();
            assertThat(outcome.passed()).as(outcome.toString()).isTrue();
        }
        assertThat(pbx.callsInProgress()).isZero();
    }

    @Test
    void pbxHangsUpWithBye() throws Exception {
        try (Sipp sipp = door("hangup-by-pbx.xml", pbx.port(), "400")
            .key("rtp_port", FreePorts.tcpAndUdp()).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> pbx.establishedCalls() == 1);
            pbx.hangUp();
            Sipp.Outcome outcome = sipp.awaitExit();
            assertThat(outcome.passed()).as(outcome.toString()).isTrue();
            assertThat(outcome.messages()).contains("BYE sip:505@127.0.0.1:" + sipp.port());
        }
        assertThat(pbx.callsInProgress()).isZero();
    }

    @Test
    void guardDeskCallsARegisteredDoorWhichHearsTheTone() throws Exception {
        int doorPort = FreePorts.tcpAndUdp();
        Sipp.Outcome registered = door("register.xml", pbx.port(), "507")
            .credentials("507", CALLED_DOOR_PASSWORD).localPort(doorPort).run();
        assertThat(registered.passed()).as(registered.toString()).isTrue();

        try (RtpCollector rtp = new RtpCollector();
             Sipp door = door("device-answers.xml", pbx.port(), "507")
                 .localPort(doorPort).key("rtp_port", rtp.port()).start()) {
            pbx.callDevice("507");
            await().atMost(Duration.ofSeconds(30)).until(() -> rtp.packets().size() >= 25);
            assertThat(pbx.establishedCalls()).isEqualTo(1);
            pbx.hangUp();
            Sipp.Outcome outcome = door.awaitExit();
            assertThat(outcome.passed()).as(outcome.toString()).isTrue();
            assertThat(rtp.packets()).allSatisfy(p -> assertThat(p.payloadType()).isZero());
            short[] pcm = rtp.decodedUlaw();
            assertThat(Goertzel.power(pcm, 440, 8000)).isGreaterThan(100 * Goertzel.power(pcm, 1000, 8000));
        }
        assertThat(pbx.callsInProgress()).isZero();
    }

    @Test
    void guardDeskHangingUpBeforeTheDoorRingsCancelsOnceItRings() throws Exception {
        int doorPort = FreePorts.tcpAndUdp();
        Sipp.Outcome registered = door("register.xml", pbx.port(), "507")
            .credentials("507", CALLED_DOOR_PASSWORD).localPort(doorPort).run();
        assertThat(registered.passed()).as(registered.toString()).isTrue();
        try (Sipp door = door("device-cancelled.xml", pbx.port(), "507")
            .localPort(doorPort).start()) {
            pbx.callDevice("507");
            pbx.hangUp(); // before any provisional response: the CANCEL waits for the 180 (RFC 3261 §9.1)
            Sipp.Outcome outcome = door.awaitExit();
            assertThat(outcome.passed()).as(outcome.toString()).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> pbx.callsInProgress() == 0);
    }

    @Test
    void callingAnUnregisteredUserIsAClearError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pbx.callDevice("506"))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("not registered");
    }

    @Test
    void malformedInputGets400AndThePbxKeepsAnsweringOptions() throws Exception {
        // Raw junk first, on both transports: nothing to answer (no Via), nothing must break.
        byte[] junk = "\u0000\u00ffNOT SIP AT ALL\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        try (DatagramSocket udp = new DatagramSocket()) {
            udp.send(new DatagramPacket(junk, junk.length, InetAddress.getLoopbackAddress(), pbx.port()));
        }
        // Over TCP, an unparsable From gets its 400 on the same connection.
        try (Socket tcp = new Socket(InetAddress.getLoopbackAddress(), pbx.port())) {
            tcp.setSoTimeout(10_000);
            OutputStream out = tcp.getOutputStream();
            out.write(("INVITE sip:400@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:" + tcp.getLocalPort()
                + ";branch=z9hG4bK-tcp-junk\r\nFrom: <sip:505@127.0.0.1;tag=1\r\nTo: <sip:400@127.0.0.1>\r\n"
                + "Call-ID: tcp-junk\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(tcp.getInputStream(),
                StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).isEqualTo("SIP/2.0 400 Bad Request");
        }
        Sipp.Outcome outcome = door("malformed-then-options.xml", pbx.port(), "400").run();
        assertThat(outcome.passed()).as(outcome.toString()).isTrue();
        assertThat(outcome.messages()).contains("SIP/2.0 400 Bad Request").contains("Warning: 399 127.0.0.1");
    }
}
