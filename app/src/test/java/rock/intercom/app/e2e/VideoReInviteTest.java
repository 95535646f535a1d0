package rock.intercom.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rock.intercom.media.sdp.MediaDirection;
import rock.intercom.media.video.VideoSession;
import rock.intercom.testkit.Sipp;

/**
 * Video on re-INVITE (RFC 3264 §8), against SIPp calling the door directly with H.264: a re-INVITE
 * that keeps the video leaves the running stream as it is, one that holds it (sendonly) is answered
 * recvonly and the door stops sending, one that removes it (port 0) stops the stream, one that adds
 * it back starts a new one. SIPp checks each SDP answer; this test watches the door's video.
 */
class VideoReInviteTest {

    private static final Path DIR = Path.of("target", "e2e", "video-reinvite").toAbsolutePath();
    private static final Duration PHASE = Duration.ofSeconds(5);
    private static DoorUnderTest door;

    @BeforeAll
    static void start() throws Exception {
        door = DoorUnderTest.start(DIR.resolve("door"), Files.readString(Path.of("../examples/device.yaml"))
                .replace("sip:\n  enabled: false", "sip:\n  enabled: true")
                // Nothing answers there: the caller below comes straight to the door.
                .replace("address: 10.40.0.224, port: 5060, transport: TCP", "address: 127.0.0.1, port: 9, transport: UDP")
                .replace("videoCalls: OFF", "videoCalls: BOTH, video: { width: 320, height: 240, frameRate: 15 }")
                .replace("incomingCalls: { allow: true, allowedCallers: [\"sip:400@10.40.0.224\"] }",
                        "incomingCalls: { allow: true, allowedCallers: [\"sip:caller@127.0.0.1\"], mode: EXTENSION_LIST,"
                                + " acceptDirectCalls: true }")
                // SIPp sends no audio: the no-media watchdog must outlast the scenario.
                .replace("customConfiguration:\n", "customConfiguration:\n  intercom.no_media_timeout_seconds: \"60\"\n"),
                44_200);
    }

    @AfterAll
    static void stop() {
        if (door != null) {
            door.close();
        }
    }

    @Test
    void reInvitesKeepHoldRemoveAndAddTheVideo() {
        try (Sipp caller = Sipp.caller(DIR, "caller-video-reinvites.xml", "127.0.0.1:" + door.sipPort(), "505",
                "phase", "1500")) {
            await().atMost(PHASE).until(() -> door.events("Incoming Call").size() == 1);
            String callId = door.events("Incoming Call").get(0).path("details").path("callId").asText();
            assertThat(door.events("Incoming Call").get(0).path("details").path("video").asText())
                    .isEqualTo("H264 320x240 sendrecv");

            VideoSession first = await().atMost(PHASE).until(() -> video(callId), Optional::isPresent).get();
            await().atMost(PHASE).until(() -> first.statistics().packetsSent() > 10);

            // Kept through the refresh, then held: the same session, now recvonly, and nothing more is sent.
            await().atMost(PHASE).until(() -> first.media().direction() == MediaDirection.RECVONLY);
            assertThat(video(callId)).containsSame(first);
            long heldAt = first.statistics().packetsSent();
            await().pollDelay(Duration.ofMillis(400)).atMost(PHASE)
                    .until(() -> first.statistics().packetsSent() <= heldAt + 5); // a frame in flight at most

            // Removed: the stream stops; added back: a new stream sends again.
            await().atMost(PHASE).until(() -> video(callId).isEmpty());
            VideoSession added = await().atMost(PHASE).until(() -> video(callId), Optional::isPresent).get();
            assertThat(added).isNotSameAs(first);
            assertThat(added.media().direction()).isEqualTo(MediaDirection.SENDRECV);
            await().atMost(PHASE).until(() -> added.statistics().packetsSent() > 10);

            assertThat(caller.awaitExit(Duration.ofSeconds(30))).as(caller.transcript()).isZero();
        }
        await().atMost(PHASE).until(() -> door.status().path("screen").asText().equals("Idle"));
    }

    private static Optional<VideoSession> video(String callId) {
        return door.runtime().audio().video().session(callId);
    }
}
