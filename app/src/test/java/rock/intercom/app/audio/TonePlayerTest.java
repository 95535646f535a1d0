package rock.intercom.app.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import rock.intercom.testkit.Goertzel;
import rock.intercom.testkit.TestDevices;
import rock.intercom.call.ProgressTone;
import rock.intercom.media.audio.Speaker;
import rock.intercom.media.tone.ToneGenerator;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.DoorSettings;
import rock.intercom.settings.Encryption;
import rock.intercom.settings.ToneRegion;

/**
 * The tone player on a recording speaker: the region's frequencies at the speaker volume, one
 * speaker at a time (a new tone closes the old one's speaker first; stop returns with it closed),
 * and a tone ends by itself after its length.
 */
class TonePlayerTest {

    private final List<String> speakerLog = new CopyOnWriteArrayList<>();
    private final List<Recorded> speakers = new CopyOnWriteArrayList<>();
    private final AtomicReference<DeviceSettings> settings = new AtomicReference<>(settings(ToneRegion.EUROPE, 100));
    private final TonePlayer player = new TonePlayer(Recorded::new, settings::get);

    @AfterEach
    void close() {
        player.close();
    }

    @Test
    void northAmericanRingbackIs440And480HzAtTheSpeakerVolume() {
        settings.set(settings(ToneRegion.NORTH_AMERICA, 50));
        player.play(ProgressTone.RINGBACK, Duration.ofMillis(600));
        await().atMost(Duration.ofSeconds(5)).until(() -> !speakers.isEmpty() && speakers.get(0).closed);

        Recorded ringback = speakers.get(0);
        assertThat(ringback.rate).isEqualTo(TonePlayer.SAMPLE_RATE);
        assertThat(ringback.length).as("600 ms of 20 ms frames").isEqualTo(TonePlayer.SAMPLE_RATE * 600 / 1000);
        double expected = ToneGenerator.LEVEL_DBFS - 15; // volume 50 is −15 dB
        assertThat(ringback.dbfs(440)).isBetween(expected - 1, expected + 1);
        assertThat(ringback.dbfs(480)).isBetween(expected - 1, expected + 1);
        assertThat(ringback.dbfs(425)).isLessThan(expected - 20);
    }

    @Test
    void aNewToneClosesTheOldSpeakerFirstAndStopReturnsWithItClosed() {
        player.play(ProgressTone.RINGBACK, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(5)).until(() -> speakerLog.contains("open 1"));
        player.play(ProgressTone.BUSY, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(5)).until(() -> speakerLog.contains("open 2"));
        player.stop();

        assertThat(speakerLog).containsExactly("open 1", "close 1", "open 2", "close 2");
    }

    @Test
    void stopWithoutAToneDoesNothing() {
        player.stop();
        assertThat(speakerLog).isEmpty();
    }

    private static DeviceSettings settings(ToneRegion region, int speakerVolume) {
        DeviceSettings base = TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP, 100, speakerVolume, 5060, Map.of());
        return new DeviceSettings(base.device(), base.sip(), base.customConfiguration(),
                new DoorSettings(null, region));
    }

    /** A speaker that keeps what it played and logs its open and close. */
    private final class Recorded implements Speaker {
        private final int number = speakers.size() + 1;
        private short[] pcm = new short[0];
        private volatile int length;
        private int rate;
        private volatile boolean closed;

        Recorded() {
            speakers.add(this);
        }

        @Override
        public void open(int sampleRate) {
            rate = sampleRate;
            speakerLog.add("open " + number);
        }

        @Override
        public synchronized void write(short[] frame) {
            pcm = Arrays.copyOf(pcm, length + frame.length);
            System.arraycopy(frame, 0, pcm, length, frame.length);
            length += frame.length;
        }

        @Override
        public String describe() {
            return "recorded " + number;
        }

        @Override
        public void close() {
            closed = true;
            speakerLog.add("close " + number);
        }

        synchronized double dbfs(double hz) {
            return Goertzel.dbfs(Goertzel.amplitude(pcm, 0, length, hz, rate));
        }
    }
}
