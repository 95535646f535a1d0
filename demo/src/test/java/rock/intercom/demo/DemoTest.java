package rock.intercom.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.app.DeviceRuntime;
import rock.intercom.app.audio.AudioSetup;
import rock.intercom.call.DoorCall;
import rock.intercom.events.EventQuery;
import rock.intercom.events.SecurityEvent;
import rock.intercom.media.audio.WavFile;
import rock.intercom.media.session.RtpPortRange;
import rock.intercom.settings.Device;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.testkit.Goertzel;

/**
 * The demo a newcomer runs ({@code ./intercom demo}): the guide's Test 1 end to end — the virtual
 * button calls the guard desk, the call holds a minute with the desk's 440 Hz tone at the door's
 * speaker and the door's microphone (1 kHz) at the desk, and the guard hangs up from the guard
 * desk page — then every row of the guide's events table made from the demo, and settings that
 * survive a restart.
 */
class DemoTest {
    /** One client for the whole test, as an integration would keep one: each new client keeps its connection open. */
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final String PASSWORD = "demo-admin-secret";
    private static final int RATE = 8000;

    @TempDir
    Path dir;

    @Test
    void test1TheCallHoldsAMinuteWithToneBothWaysUntilTheGuardHangsUp() throws Exception {
        Path heard = dir.resolve("heard.wav");
        AudioSetup audio = AudioSetup.of("tone:1000", "file:" + heard, RtpPortRange.parse("41000-41019"));
        try (DemoSystem demo = start(dir.resolve("data"), audio)) {
            DeviceRuntime device = demo.device();
            await().atMost(Duration.ofSeconds(15)).until(() -> status(device).contains("\"REGISTERED\""));

            assertThat(press(device)).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> status(device).contains("Connected 400"));
            assertVideoBothWays(demo);
            // Six windows of ten seconds: the call must stay up through each, with tone both ways at its end.
            for (int window = 1; window <= 6; window++) {
                await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(15))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> demo.pbx().establishedCalls() == 1 && status(device).contains("Connected 400"));
                assertToneBothWays(demo, heard, (window * 10) + " s into the call");
            }

            GuardDeskClient desk = new GuardDeskClient(demo.guardDeskPage().port());
            assertThat(desk.press("/hang-up").body()).contains("The guard hung up.");
            await().atMost(Duration.ofSeconds(10)).until(() -> names(device).contains("Hanging Up"));
            assertThat(names(device)).containsExactly("Dialing", "Call Established", "Hanging Up");
            assertThat(last(device, "Hanging Up").details()).containsEntry("side", "remote")
                    .containsEntry("direction", "outgoing");
            await().atMost(Duration.ofSeconds(5)).until(() -> status(device).contains("Idle"));
            assertThat(demo.pbx().callsInProgress()).isZero();
        }
    }

    /**
     * The desk answers the door's video with its test pattern: the door decodes it (and the portal's
     * screen panel gets it as JPEG), and the guard desk page shows the door's camera.
     */
    private static void assertVideoBothWays(DemoSystem demo) throws Exception {
        DeviceRuntime device = demo.device();
        // The screen shows "Connected" as the call logic decides it; the event is stored right after.
        await().atMost(Duration.ofSeconds(5)).until(() -> count(device, "Call Established") == 1);
        assertThat(last(device, "Call Established").details()).containsEntry("video", "H264 640x480 sendrecv");
        String callId = String.valueOf(last(device, "Call Established").details().get("callId"));
        await().atMost(Duration.ofSeconds(15)).until(() -> device.audio().video().statistics(callId)
                .map(v -> v.framesDecoded() >= 10).orElse(false));
        assertThat(device.audio().video().statistics(callId).orElseThrow().pictureSize()).isEqualTo("320x240");
        await().atMost(Duration.ofSeconds(10)).until(() -> HTTP.send(request(device,
                "/api/v1/devices/rockx-505/calls/current/video.jpg").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray()).statusCode() == 200);
        GuardDeskClient desk = new GuardDeskClient(demo.guardDeskPage().port());
        await().atMost(Duration.ofSeconds(10)).until(() -> desk.fetch(GuardDeskPage.DOOR_VIDEO).statusCode() == 200);
        var picture = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
                desk.fetch(GuardDeskPage.DOOR_VIDEO).body()));
        assertThat(picture.getWidth() + "x" + picture.getHeight()).isEqualTo("640x480");
        assertThat(desk.page()).contains("id=\"door-video\"");
    }

    private static void assertToneBothWays(DemoSystem demo, Path doorSpeaker, String when) throws Exception {
        short[] speaker = WavFile.readMono(doorSpeaker, RATE);
        assertThat(speaker.length).as("door speaker samples " + when).isGreaterThan(RATE);
        assertTone(Arrays.copyOfRange(speaker, speaker.length - RATE, speaker.length), 440, 1000,
                "the desk's tone at the door's speaker " + when);
        short[] desk = demo.pbx().heard().last(RATE);
        assertThat(desk.length).as("samples heard at the desk " + when).isEqualTo(RATE);
        assertTone(desk, 1000, 440, "the door's microphone at the desk " + when);
    }

    private static void assertTone(short[] pcm, double hz, double otherHz, String what) {
        double tone = Goertzel.amplitude(pcm, 0, pcm.length, hz, RATE);
        double other = Goertzel.amplitude(pcm, 0, pcm.length, otherHz, RATE);
        assertThat(Goertzel.dbfs(tone)).as(what + ": level of " + hz + " Hz").isGreaterThan(-30);
        assertThat(tone).as(what + ": " + hz + " Hz against " + otherHz + " Hz").isGreaterThan(10 * other);
    }

    @Test
    void everyRowOfTheGuidesEventsTableCanBeMadeFromTheDemo() throws Exception {
        AudioSetup audio = AudioSetup.of("tone:1000", "none", RtpPortRange.parse("41040-41059"));
        try (DemoSystem demo = start(dir.resolve("rows"), audio)) {
            DeviceRuntime device = demo.device();
            GuardDeskClient desk = new GuardDeskClient(demo.guardDeskPage().port());
            await().atMost(Duration.ofSeconds(15)).until(() -> status(device).contains("\"REGISTERED\""));

            // Dialing, Call Established; the door's button ends it: Hanging Up (outgoing, device side).
            assertThat(press(device)).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> status(device).contains("Connected 400"));
            assertThat(press(device)).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> count(device, "Hanging Up") == 1);
            assertThat(last(device, "Hanging Up").details()).containsEntry("side", "device")
                    .containsEntry("direction", "outgoing");

            // The desk is busy: Call Failed for the one number, then Call Failed for the whole sequence.
            assertThat(desk.press("/busy").body()).contains("busy");
            await().atMost(Duration.ofSeconds(5)).until(() -> status(device).contains("Idle"));
            assertThat(press(device)).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> count(device, "Call Failed") == 2);
            List<SecurityEvent> failed = events(device, "Call Failed");
            assertThat(failed.get(0).details()).containsEntry("sipStatus", 486).containsEntry("direction", "outgoing");
            assertThat(failed.get(1).details()).containsEntry("reason", "all fallback numbers tried");
            assertThat(desk.press("/answers").body()).contains("answers");
            await().atMost(Duration.ofSeconds(10)).until(() -> status(device).contains("Idle"));

            // The desk calls the door: Incoming Call; the guard hangs up: Hanging Up (incoming, remote side).
            assertThat(desk.press("/call-door").body()).contains("is calling the door");
            await().atMost(Duration.ofSeconds(10)).until(() -> count(device, "Incoming Call") == 1);
            assertThat(last(device, "Incoming Call").details()).containsEntry("caller", "sip:400@127.0.0.1")
                    .containsEntry("video", "H264 640x480 sendrecv"); // the desk offers its test pattern too
            await().atMost(Duration.ofSeconds(10)).until(() -> demo.pbx().doorPicture().isPresent());
            assertThat(desk.press("/hang-up").body()).contains("The guard hung up.");
            await().atMost(Duration.ofSeconds(10)).until(() -> count(device, "Hanging Up") == 2);
            assertThat(last(device, "Hanging Up").details()).containsEntry("side", "remote")
                    .containsEntry("direction", "incoming");

            // Again, and the door's button ends it: Hanging Up (incoming, device side).
            desk.press("/call-door");
            await().atMost(Duration.ofSeconds(10)).until(() -> count(device, "Incoming Call") == 2);
            assertThat(press(device)).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> count(device, "Hanging Up") == 3);
            assertThat(last(device, "Hanging Up").details()).containsEntry("side", "device")
                    .containsEntry("direction", "incoming");
            await().atMost(Duration.ofSeconds(5)).until(() -> demo.pbx().callsInProgress() == 0);

            // A caller the door does not allow: Call Rejected.
            assertThat(desk.press("/call-door-unknown").body()).contains("Extension 401 is calling the door");
            await().atMost(Duration.ofSeconds(10)).until(() -> count(device, "Call Rejected") == 1);
            assertThat(last(device, "Call Rejected").details()).containsEntry("caller", "sip:401@127.0.0.1");

            // An established incoming call whose audio stops: Call Failed (media failed), after the no-audio timeout.
            desk.press("/call-door");
            await().atMost(Duration.ofSeconds(10)).until(() -> count(device, "Incoming Call") == 3);
            assertThat(desk.press("/silence").body()).contains("went silent");
            await().atMost(Duration.ofSeconds(30)).until(() -> count(device, "Call Failed") == 3);
            assertThat(last(device, "Call Failed").details()).containsEntry("direction", "incoming")
                    .containsEntry("reason", "media failed");
            await().atMost(Duration.ofSeconds(5)).until(() -> demo.pbx().callsInProgress() == 0);

            assertThat(names(device)).containsExactly("Dialing", "Call Established", "Hanging Up",
                    "Dialing", "Call Failed", "Call Failed",
                    "Incoming Call", "Hanging Up", "Incoming Call", "Hanging Up",
                    "Call Rejected", "Incoming Call", "Call Failed");
        }
    }

    @Test
    void theGuardDeskPageRefusesPostsWithoutItsTokenOrFromAnotherHost() throws Exception {
        AudioSetup audio = AudioSetup.of("tone:1000", "none", RtpPortRange.parse("41060-41079"));
        try (DemoSystem demo = start(dir.resolve("page"), audio)) {
            int port = demo.guardDeskPage().port();
            GuardDeskClient desk = new GuardDeskClient(port);
            assertThat(desk.post("/busy", "token=00").statusCode()).isEqualTo(403);
            assertThat(desk.post("/busy", "").statusCode()).isEqualTo(403);
            assertThat(demo.pbx().guardDeskMode()).isEqualTo(GuardDeskMode.ANSWERS);
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: evil.example:" + port
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                        .startsWith("HTTP/1.1 421");
            }
            assertThat(desk.press("/busy").statusCode()).isEqualTo(200);
            assertThat(demo.pbx().guardDeskMode()).isEqualTo(GuardDeskMode.BUSY);
        }
    }

    @Test
    void settingsChangedInThePortalSurviveARestartAndTheDoorStillRegisters() throws Exception {
        Path data = dir.resolve("kept");
        AudioSetup audio = AudioSetup.of("tone:1000", "none", RtpPortRange.parse("41080-41099"));
        int pbxPort;
        try (DemoSystem demo = start(data, audio)) {
            pbxPort = demo.pbx().port();
            DeviceSettings s = demo.device().settings().current();
            demo.device().settings().apply(new DeviceSettings(new Device(s.device().id(), "Front gate"), s.sip(),
                    s.customConfiguration(), s.door()));
        }
        try (DemoSystem demo = start(data, audio)) {
            assertThat(demo.pbx().port()).as("the kept PBX port").isEqualTo(pbxPort);
            assertThat(demo.device().settings().current().device().name()).isEqualTo("Front gate");
            await().atMost(Duration.ofSeconds(15)).until(() -> status(demo.device()).contains("\"REGISTERED\""));
        }
        for (String secret : List.of(DemoPbxState.FILE, "demo-device.yaml")) {
            assertThat(Files.getPosixFilePermissions(data.resolve(secret))).as(secret)
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
    }

    private static DemoSystem start(Path data, AudioSetup audio) throws Exception {
        return DemoSystem.start(data, 0, 0, 0, 0, audio, Map.of("INTERCOM_ADMIN_PASSWORD", PASSWORD),
                new PrintStream(new ByteArrayOutputStream()));
    }

    /** The events of {@code name}, oldest first. */
    private static List<SecurityEvent> events(DeviceRuntime device, String name) {
        List<SecurityEvent> events = new ArrayList<>(device.events().query(
                new EventQuery("rockx-505", Set.of(name), null, null, null, 50)));
        Collections.reverse(events);
        return events;
    }

    private static int count(DeviceRuntime device, String name) {
        return events(device, name).size();
    }

    private static SecurityEvent last(DeviceRuntime device, String name) {
        List<SecurityEvent> events = events(device, name);
        return events.get(events.size() - 1);
    }

    @Test
    void openDoorOnTheDemoPulsesTheStandInRelayAndIsRecorded() throws Exception {
        AudioSetup audio = AudioSetup.of("tone:1000", "none", RtpPortRange.parse("41020-41039"));
        Path data = dir.resolve("door-data");
        try (DemoSystem demo = start(data, audio)) {
            DeviceRuntime device = demo.device();
            Path relay = data.resolve("door-relay");
            assertThat(java.nio.file.Files.readString(relay)).isEqualTo("0");
            int status = HTTP.send(request(device, "/api/v1/devices/rockx-505/door")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
            assertThat(status).isEqualTo(202);
            assertThat(java.nio.file.Files.readString(relay)).isEqualTo("1");
            await().atMost(Duration.ofSeconds(10)).until(() -> java.nio.file.Files.readString(relay).equals("0"));
            assertThat(device.events().query(new EventQuery("rockx-505", Set.of("Door Opened"), null, null, null, 5)))
                    .singleElement().satisfies(event -> assertThat(event.details()).containsEntry("user", "admin")
                            .containsEntry("by", "API").containsEntry("pulse", "3 s"));
        }
    }

    private static List<String> names(DeviceRuntime device) {
        List<String> names = new ArrayList<>(device.events().query(new EventQuery("rockx-505",
                Set.of("Dialing", "Call Established", "Call Failed", "Hanging Up", "Call Rejected", "Incoming Call"),
                null, null, null, 50))
                .stream().map(SecurityEvent::name).toList());
        Collections.reverse(names);
        return names;
    }

    private static String status(DeviceRuntime device) throws Exception {
        return HTTP.send(request(device, "/api/v1/devices/rockx-505/status").GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * Presses the virtual button. The door ignores a press within its debounce window after the
     * last press or change of call state (a bouncing contact), so real time must pass first.
     */
    private static int press(DeviceRuntime device) throws Exception {
        Thread.sleep(DoorCall.DEBOUNCE.toMillis() + 100);
        return HTTP.send(request(device, "/api/v1/devices/rockx-505/button")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static HttpRequest.Builder request(DeviceRuntime device, String path) {
        String basic = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + device.httpPort() + path))
                .header("Authorization", "Basic " + basic);
    }
}
