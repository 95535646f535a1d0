package rock.intercom.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import rock.intercom.testkit.Goertzel;

/**
 * The demo a newcomer runs: given {@code ./intercom demo}, when the virtual button is pressed, the
 * door registers, calls the guard desk, hears its 440 Hz tone, and the button ends the call —
 * Dialing → Call Established → Hanging Up in the event store.
 */
class DemoTest {

    private static final String PASSWORD = "demo-admin-secret";

    @TempDir
    Path dir;

    @Test
    void theVirtualButtonCallsTheGuardDeskWhichAnswersWithATone() throws Exception {
        Path heard = dir.resolve("heard.wav");
        AudioSetup audio = AudioSetup.of("tone:1000", "file:" + heard, RtpPortRange.parse("41000-41019"));
        try (DemoSystem demo = DemoSystem.start(dir.resolve("data"), 0, 0, 0, audio,
                Map.of("INTERCOM_ADMIN_PASSWORD", PASSWORD), new PrintStream(new ByteArrayOutputStream()))) {
            DeviceRuntime device = demo.device();
            await().atMost(Duration.ofSeconds(15)).until(() -> status(device).contains("\"REGISTERED\""));

            assertThat(press(device)).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> status(device).contains("Connected 400"));
            // Two seconds of the guard desk's tone, then the button again (well past the debounce window).
            Thread.sleep(Math.max(2000, DoorCall.DEBOUNCE.toMillis()));
            assertThat(press(device)).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> names(device).contains("Hanging Up"));

            assertThat(names(device)).containsExactly("Dialing", "Call Established", "Hanging Up");
            await().atMost(Duration.ofSeconds(5)).until(() -> demo.pbx().callsInProgress() == 0);
        }
        short[] pcm = WavFile.readMono(heard, 8000);
        assertThat(pcm.length).as("samples heard").isGreaterThan(8000);
        int from = pcm.length / 4;
        int to = pcm.length - pcm.length / 4;
        double tone = Goertzel.amplitude(pcm, from, to, 440, 8000);
        double other = Goertzel.amplitude(pcm, from, to, 1000, 8000);
        assertThat(Goertzel.dbfs(tone)).as("440 Hz level").isGreaterThan(-30);
        assertThat(tone).as("440 Hz against 1 kHz").isGreaterThan(10 * other);
    }

    @Test
    void openDoorOnTheDemoPulsesTheStandInRelayAndIsRecorded() throws Exception {
        AudioSetup audio = AudioSetup.of("tone:1000", "none", RtpPortRange.parse("41020-41039"));
        Path data = dir.resolve("door-data");
        try (DemoSystem demo = DemoSystem.start(data, 0, 0, 0, audio,
                Map.of("INTERCOM_ADMIN_PASSWORD", PASSWORD), new PrintStream(new ByteArrayOutputStream()))) {
            DeviceRuntime device = demo.device();
            Path relay = data.resolve("door-relay");
            assertThat(java.nio.file.Files.readString(relay)).isEqualTo("0");
            int status = HttpClient.newHttpClient().send(request(device, "/api/v1/devices/rockx-505/door")
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
        List<String> names = new java.util.ArrayList<>(device.events().query(new EventQuery("rockx-505",
                Set.of("Dialing", "Call Established", "Call Failed", "Hanging Up"), null, null, null, 50))
                .stream().map(SecurityEvent::name).toList());
        java.util.Collections.reverse(names);
        return names;
    }

    private static String status(DeviceRuntime device) throws Exception {
        return HttpClient.newHttpClient().send(request(device, "/api/v1/devices/rockx-505/status").GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int press(DeviceRuntime device) throws Exception {
        return HttpClient.newHttpClient().send(request(device, "/api/v1/devices/rockx-505/button")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static HttpRequest.Builder request(DeviceRuntime device, String path) {
        String basic = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + device.httpPort() + path))
                .header("Authorization", "Basic " + basic);
    }
}
