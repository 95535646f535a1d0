package rock.intercom.app.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import rock.intercom.testkit.TestDevices;
import rock.intercom.call.CallDirection;
import rock.intercom.call.CallInput;
import rock.intercom.call.media.RemoteAnswer;
import rock.intercom.call.media.SdpAnswer;
import rock.intercom.call.media.SdpOffer;
import rock.intercom.media.audio.NoSpeaker;
import rock.intercom.media.audio.ToneMicrophone;
import rock.intercom.media.audio.WavFile;
import rock.intercom.media.audio.WavFileSpeaker;
import rock.intercom.media.session.MediaSession;
import rock.intercom.media.session.RtpPortRange;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.Encryption;

/**
 * Early media (RFC 3960) on loopback between the door's {@link CallAudio} and a station's: the
 * door's microphone stays muted until the answer's start, a silent early stream does not fail
 * the call (the no-media watch starts over at the answer), and a 200 whose answer moves the
 * stream redirects the running media instead of opening another.
 */
class EarlyMediaTest {

    private static final Path DIR = Path.of("target", "audio-tests", "early-media").toAbsolutePath();
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final List<CallInput> doorInputs = new CopyOnWriteArrayList<>();
    private CallAudio door;
    private CallAudio station;
    private Path stationWav;

    private void devices(DeviceSettings doorSettings, String name) throws Exception {
        Files.createDirectories(DIR);
        int base = 2 * (15_000 + 20 * ThreadLocalRandom.current().nextInt(200));
        stationWav = DIR.resolve(name + "-station.wav");
        door = new CallAudio(() -> doorSettings, new AudioSetup(() -> new ToneMicrophone(1000), NoSpeaker::new,
                new RtpPortRange(base, base + 19), "tone:1000", "none", List.of()), MediaAddress.fixed(LOOPBACK),
                doorInputs::add);
        DeviceSettings plain = TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP);
        station = new CallAudio(() -> plain, new AudioSetup(() -> new ToneMicrophone(440),
                () -> new WavFileSpeaker(stationWav), new RtpPortRange(base + 20, base + 39), "tone:440",
                "file:" + stationWav, List.of()), MediaAddress.fixed(LOOPBACK), input -> { });
    }

    @AfterEach
    void close() {
        if (door != null) {
            door.close();
        }
        if (station != null) {
            station.close();
        }
    }

    @Test
    void theVisitorIsNotHeardBeforeTheAnswer() throws Exception {
        devices(TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP), "muted");
        String callId = "call-muted";
        door.accepted(callId, answer(callId));
        station.start(callId, CallDirection.INCOMING);
        door.startEarly(callId);
        awaitReceived(callId, 50);
        short[] early = WavFile.readMono(stationWav, 8000);
        assertThat(CallAudioLoopbackTest.levels(early, 1000).loudestDbfs()).as("early media: microphone muted")
                .isLessThan(-60);

        door.start(callId, CallDirection.OUTGOING);
        long before = received(callId);
        awaitReceived(callId, (int) before + 50);
        station.stop(callId);
        short[] heard = WavFile.readMono(stationWav, 8000);
        short[] tail = java.util.Arrays.copyOfRange(heard, heard.length - 4000, heard.length);
        assertThat(ToneLevels.of(tail, 0, tail.length, 1000, 8000).medianDbfs()).as("answered: the microphone")
                .isGreaterThan(ToneMicrophone.LEVEL_DBFS - 2);
        assertThat(doorInputs).isEmpty();
    }

    @Test
    void silentEarlyMediaDoesNotFailTheCallAndTheWatchStartsOverAtTheAnswer() throws Exception {
        devices(TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP, 100, 100, 5060, Map.of(NoMediaTimeout.KEY, "1")),
                "silent");
        String callId = "call-silent";
        door.accepted(callId, answer(callId)); // the station never starts: the network sends nothing
        door.startEarly(callId);
        Thread.sleep(1_800);
        assertThat(doorInputs).as("silent early media is no failure").isEmpty();

        long answered = System.nanoTime();
        door.start(callId, CallDirection.OUTGOING);
        await().atMost(Duration.ofSeconds(4))
                .until(() -> doorInputs.contains(new CallInput.MediaFailed(callId, "no audio received")));
        assertThat(Duration.ofNanos(System.nanoTime() - answered)).as("a full timeout after the answer")
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void a200WhoseAnswerMovesTheStreamRedirectsTheRunningEarlyMedia() throws Exception {
        devices(TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP), "moved");
        String callId = "call-moved";
        String first = answer(callId);
        door.accepted(callId, first);
        door.startEarly(callId);
        MediaSession early = door.session(callId).orElseThrow();
        try (DatagramSocket moved = new DatagramSocket(0, LOOPBACK)) {
            moved.setSoTimeout(3_000);
            String second = first.replaceFirst("m=audio [0-9]+ ", "m=audio " + moved.getLocalPort() + " ")
                    .replaceFirst("(o=\\S+ \\S+ )([0-9]+)", "$1" + "999");

            assertThat(door.accepted(callId, second)).isInstanceOf(RemoteAnswer.Usable.class);
            door.start(callId, CallDirection.OUTGOING);

            moved.receive(new DatagramPacket(new byte[1500], 1500)); // throws if no RTP arrives in time
            assertThat(door.session(callId)).containsSame(early);
        }
    }

    private String answer(String callId) {
        String offer = ((SdpOffer.Offer) door.offer(callId)).sdp();
        return ((SdpAnswer.Answer) station.answer(callId, offer)).sdp();
    }

    private long received(String callId) {
        return station.session(callId).map(s -> s.statistics().packetsReceived()).orElse(0L);
    }

    private void awaitReceived(String callId, int packets) {
        await().atMost(Duration.ofSeconds(5)).until(() -> received(callId) >= packets);
    }
}
