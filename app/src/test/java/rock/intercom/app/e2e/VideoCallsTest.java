package rock.intercom.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import rock.intercom.call.DoorCall;
import rock.intercom.media.video.VideoSession;
import rock.intercom.media.video.VideoStatistics;
import rock.intercom.sip.call.CallServer;
import rock.intercom.testkit.Baresip;

/**
 * Video calls (issue 14) on the wire: a whole door device and a real baresip guard desk (FFmpeg's
 * H.264 through {@code avcodec}, {@code fakevideo} camera and display) registered to a real
 * Kamailio. Pictures decode at both ends (the door's decoder counts them, baresip's display
 * counts them in {@code /video_debug}), plain and SRTP; a PLI from the peer's side brings a key
 * frame both ways; a desk without video keeps its audio call; Video Calls decides per direction.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VideoCallsTest {

    private static final Path DIR = Path.of("target", "e2e", "video-calls").toAbsolutePath();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String DOOR_PASSWORD = "door-505-secret";
    private static final String DESK_PASSWORD = "desk-400-secret";
    /** Pictures each side must decode: a second of 15 fps, well past the first key frame. */
    private static final int FRAMES = 15;
    private static final Pattern DISPLAYED = Pattern.compile("vidisp: fakevideo (\\d+) x (\\d+) frames=(\\d+)");
    private static final Pattern KEY_FRAMES = Pattern.compile("n_keyframes=(\\d+)");

    private static final String RECEIVED = "/api/v1/devices/rockx-505/calls/current/video.jpg";
    private static final String CAMERA = "/api/v1/devices/rockx-505/camera.jpg";

    private static CallServer server;
    private static DoorUnderTest door;
    private Baresip desk;

    @BeforeAll
    static void start() throws Exception {
        server = CallServer.start(DIR.resolve("kamailio"), Map.of("505", DOOR_PASSWORD, "400", DESK_PASSWORD),
                Map.of());
        door = DoorUnderTest.start(DIR.resolve("door"), Files.readString(Path.of("../examples/device.yaml"))
                .replace("sip:\n  enabled: false", "sip:\n  enabled: true")
                .replace("address: 10.40.0.224, port: 5060, transport: TCP, pollingIntervalSeconds: 30",
                        "address: 127.0.0.1, port: " + server.port() + ", transport: UDP, pollingIntervalSeconds: 10")
                .replace("authPassword: \"change-me\"", "authPassword: \"" + DOOR_PASSWORD + "\"")
                .replace("fallbackNumbers: [\"401\", \"402\"]", "fallbackNumbers: []")
                .replace("videoCalls: OFF", "videoCalls: BOTH, video: { width: 320, height: 240, frameRate: 15 }")
                // The v3.6.3 route: the SIP server authorises callers (the example leaves the mode unset).
                .replace("intercom.default_server_controls_allowed_callers: \"false\"",
                        "intercom.default_server_controls_allowed_callers: \"true\""),
                44_000);
        door.awaitRegistered();
    }

    @AfterEach
    void hangUp() {
        if (desk != null) {
            desk.close();
            desk = null;
        }
        await().atMost(WAIT).until(() -> door.status().path("screen").asText().equals("Idle"));
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
    void anOutgoingVideoCallDecodesBothWaysAndPliBringsKeyFrames() throws Exception {
        desk = Baresip.desk(DIR.resolve("desk-plain"), "400", DESK_PASSWORD, server.port(), "", true);
        String callId = pressAndAwaitEstablished();
        JsonNode established = door.events("Call Established").get(0).path("details");
        assertThat(established.path("media").asText()).isEqualTo("RTP");
        assertThat(established.path("video").asText()).isEqualTo("H264 320x240 sendrecv");

        VideoSession video = awaitPicturesBothWays(callId);
        pliBothWays(video, true);

        // The portal's screen panel: the desk's picture; the device page's camera view: what the door sends.
        await().atMost(WAIT).until(() -> door.fetch("GET", RECEIVED, true).statusCode() == 200);
        HttpResponse<byte[]> received = door.fetch("GET", RECEIVED, true);
        assertThat(received.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(received.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(jpegSize(received.body())).isEqualTo("320x240");
        assertThat(door.fetch("GET", RECEIVED, false).statusCode()).isEqualTo(401);
        await().atMost(WAIT).until(() -> door.fetch("GET", CAMERA, true).statusCode() == 200);
        assertThat(jpegSize(door.fetch("GET", CAMERA, true).body())).isEqualTo("320x240");
        endCallFromTheDoor();

        // After the call: no received picture; the camera's view is taken for the asking.
        assertThat(door.fetch("GET", RECEIVED, true).statusCode()).isEqualTo(404);
        HttpResponse<byte[]> camera = door.fetch("GET", CAMERA, true);
        assertThat(camera.statusCode()).isEqualTo(200);
        assertThat(jpegSize(camera.body())).isEqualTo("320x240");
    }

    /** Width × height of a JPEG as the JDK's decoder reads it (so it is a whole picture). */
    private static String jpegSize(byte[] jpeg) throws java.io.IOException {
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
        return image == null ? "not a picture" : image.getWidth() + "x" + image.getHeight();
    }

    @Test
    @Order(2)
    void srtpVideoDecodesBothWaysAndPliTravelsAsSrtcp() throws Exception {
        desk = Baresip.desk(DIR.resolve("desk-srtp"), "400", DESK_PASSWORD, server.port(), ";mediaenc=srtp", true);
        String callId = pressAndAwaitEstablished();
        JsonNode established = door.events("Call Established").get(0).path("details");
        assertThat(established.path("media").asText()).startsWith("SRTP ");
        assertThat(established.path("video").asText()).isEqualTo("H264 320x240 sendrecv");
        VideoSession video = awaitPicturesBothWays(callId);
        assertThat(video.media().srtp()).isPresent();
        assertThat(desk.control("video_debug")).contains("menc: srtp (secure=yes)");
        pliBothWays(video, false); // a forged plain PLI would fail SRTCP authentication, so only ours
        endCallFromTheDoor();
    }

    @Test
    @Order(3)
    void aDeskWithoutVideoKeepsItsAudioCall() throws Exception {
        desk = Baresip.desk(DIR.resolve("desk-audio-only"), "400", DESK_PASSWORD, server.port(), "", false);
        String callId = pressAndAwaitEstablished();
        assertThat(door.events("Call Established").get(0).path("details").path("video").asText())
                .isEqualTo("none (refused)");
        await().atMost(WAIT).until(() -> door.runtime().audio().session(callId)
                .map(s -> s.statistics().packetsReceived() > 50).orElse(false));
        assertThat(door.runtime().audio().video().session(callId)).isEmpty();
        assertThat(desk.log()).contains("Call established");
        endCallFromTheDoor();
    }

    @Test
    @Order(4)
    void anIncomingVideoCallUnderIncomingOnlyHasVideoAndUnderOutgoingOnlyNone() throws Exception {
        door.applySettings(s -> s.replace("\"videoCalls\":\"BOTH\"", "\"videoCalls\":\"INCOMING_ONLY\""));
        desk = Baresip.desk(DIR.resolve("desk-calls-in"), "400", DESK_PASSWORD, server.port(), "", true,
                "/dial sip:505@127.0.0.1:" + server.port());
        await().atMost(WAIT).until(() -> door.status().path("screen").asText().startsWith("Connected"));
        JsonNode incoming = door.events("Incoming Call").get(0).path("details");
        assertThat(incoming.path("video").asText()).isEqualTo("H264 320x240 sendrecv");
        awaitPicturesBothWays(incoming.path("callId").asText());
        desk.close();
        desk = null;
        await().atMost(WAIT).until(() -> door.status().path("screen").asText().equals("Idle"));

        door.applySettings(s -> s.replace("\"videoCalls\":\"INCOMING_ONLY\"", "\"videoCalls\":\"OUTGOING_ONLY\""));
        int before = door.events("Incoming Call").size();
        desk = Baresip.desk(DIR.resolve("desk-calls-in-off"), "400", DESK_PASSWORD, server.port(), "", true,
                "/dial sip:505@127.0.0.1:" + server.port());
        await().atMost(WAIT).until(() -> door.events("Incoming Call").size() > before);
        assertThat(door.events("Incoming Call").get(0).path("details").path("video").asText())
                .isEqualTo("none (off)");
        await().atMost(WAIT).until(() -> desk.log().contains("Call established"));
        assertThat(desk.control("video_debug")).doesNotContain("started: yes");
        door.applySettings(s -> s.replace("\"videoCalls\":\"OUTGOING_ONLY\"", "\"videoCalls\":\"BOTH\""));
    }

    /** Presses the button, waits for the desk to answer; the Call-ID from the event. */
    private String pressAndAwaitEstablished() {
        // A press during the last call's ending is not a new call; an earlier test may have ended abruptly.
        await().atMost(WAIT).until(() -> door.status().path("screen").asText().equals("Idle"));
        int before = door.events("Call Established").size();
        door.pressButton();
        await().atMost(WAIT).until(() -> door.events("Call Established").size() > before);
        await().atMost(WAIT).until(() -> desk.log().contains("Call established"));
        return door.events("Call Established").get(0).path("details").path("callId").asText();
    }

    /** Both decoders show pictures: the door's counter, baresip's display; packets counted both ways. */
    private VideoSession awaitPicturesBothWays(String callId) {
        await().atMost(WAIT).until(() -> door.runtime().audio().video().session(callId).isPresent());
        VideoSession video = door.runtime().audio().video().session(callId).orElseThrow();
        await().atMost(WAIT).until(() -> video.statistics().framesDecoded() >= FRAMES
                && displayed(desk.control("video_debug"))[2] >= FRAMES);
        VideoStatistics door = video.statistics();
        int[] desk = displayed(this.desk.control("video_debug"));
        assertThat(door.pictureSize()).isEqualTo("320x240"); // what the desk's fakevideo sends
        assertThat(new int[] {desk[0], desk[1]}).containsExactly(320, 240); // what the door sends
        assertThat(door.packetsSent()).isGreaterThan(FRAMES);
        assertThat(door.packetsReceived()).isGreaterThan(FRAMES);
        // Over SRTP baresip's first RTCP datagram is shorter than any SRTCP packet: dropped, counted.
        assertThat(door.packetsRejected()).isLessThanOrEqualTo(1);
        return video;
    }

    /**
     * The door answers a PLI with a key frame that reaches baresip's decoder; baresip answers the
     * door's PLI with a key frame that reaches the door.
     */
    private void pliBothWays(VideoSession video, boolean injectPlainPli) throws Exception {
        long sentBefore = video.statistics().keyFramesSent();
        int deskKeyFramesBefore = keyFrames(desk.control("video_debug"));
        if (injectPlainPli) {
            // The peer's PLI, as baresip would send it when its decoder loses a picture (RFC 4585 §6.3.1).
            byte[] pli = rock.intercom.media.video.RtcpFeedback.pli(0x1234, video.ssrc());
            try (DatagramSocket s = new DatagramSocket()) {
                s.send(new DatagramPacket(pli, pli.length, InetAddress.getLoopbackAddress(),
                        video.localRtpPort() + 1));
            }
            await().atMost(Duration.ofSeconds(3)).until(() -> video.statistics().keyFramesSent() > sentBefore);
            assertThat(video.statistics().lastKeyFrameLatencyMs()).isBetween(0L, 1000L);
            // How soon the key frame leaves is asserted above; baresip's decoder counting it may lag on a loaded box.
            await().atMost(Duration.ofSeconds(10)).until(() -> keyFrames(desk.control("video_debug"))
                    > deskKeyFramesBefore);
        }
        long receivedBefore = video.statistics().keyFramesReceived();
        video.sendPictureLossIndication();
        await().atMost(Duration.ofSeconds(10)).until(() -> video.statistics().keyFramesReceived() > receivedBefore);
    }

    private void endCallFromTheDoor() throws InterruptedException {
        Thread.sleep(DoorCall.DEBOUNCE.toMillis() + 100);
        door.pressButton();
        await().atMost(WAIT).until(() -> door.status().path("screen").asText().equals("Idle"));
    }

    private static int[] displayed(String videoDebug) {
        Matcher m = DISPLAYED.matcher(videoDebug);
        return m.find() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3))} : new int[] {0, 0, 0};
    }

    private static int keyFrames(String videoDebug) {
        Matcher m = KEY_FRAMES.matcher(videoDebug);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
