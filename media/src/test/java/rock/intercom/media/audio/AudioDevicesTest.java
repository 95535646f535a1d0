package rock.intercom.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import rock.intercom.testkit.Goertzel;

class AudioDevicesTest {

    @ParameterizedTest
    @CsvSource({"sound, SoundCardMicrophone", "tone:1000, ToneMicrophone", "file:/tmp/x.wav, WavFileMicrophone",
        "tone:440.5, ToneMicrophone"})
    void buildsMicrophones(String spec, String type) {
        assertThat(AudioDevices.microphone(spec).getClass().getSimpleName()).isEqualTo(type);
    }

    @ParameterizedTest
    @CsvSource({"sound, SoundCardSpeaker", "none, NoSpeaker", "file:/tmp/out.WAV, WavFileSpeaker"})
    void buildsSpeakers(String spec, String type) {
        assertThat(AudioDevices.speaker(spec).getClass().getSimpleName()).isEqualTo(type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tone:", "tone:abc", "file:x.mp3", "file:", "speaker", "tone:-5", "tone:30000"})
    void rejectsBadMicrophoneSpecsWithAClearMessage(String spec) {
        assertThatThrownBy(() -> AudioDevices.microphone(spec)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tone:440", "file:x.txt", "null"})
    void rejectsBadSpeakerSpecs(String spec) {
        assertThatThrownBy(() -> AudioDevices.speaker(spec)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("--speaker must be");
    }

    @Test
    void toneMicrophoneProducesTheToneAtMinus6Dbfs() {
        ToneMicrophone mic = new ToneMicrophone(1000);
        mic.open(8000);
        short[] pcm = new short[8000];
        short[] frame = new short[160];
        for (int i = 0; i < 50; i++) {
            mic.read(frame);
            System.arraycopy(frame, 0, pcm, i * 160, 160);
        }
        assertThat(Goertzel.dbfs(Goertzel.amplitude(pcm, 0, 8000, 1000, 8000))).isCloseTo(-6.0, within(0.1));
        assertThat(Goertzel.amplitude(pcm, 0, 8000, 440, 8000)).isLessThan(50);
    }

    @Test
    void wavSpeakerOutputLoopsBackThroughTheWavMicrophone(@TempDir Path dir) throws Exception {
        Path wav = dir.resolve("heard.wav");
        WavFileSpeaker speaker = new WavFileSpeaker(wav);
        speaker.open(8000);
        ToneMicrophone tone = new ToneMicrophone(440);
        tone.open(8000);
        short[] frame = new short[160];
        for (int i = 0; i < 25; i++) {
            tone.read(frame);
            speaker.write(frame);
        }
        speaker.close();
        assertThat(WavFile.readMono(wav, 8000)).hasSize(4000);

        WavFileMicrophone mic = new WavFileMicrophone(wav);
        mic.open(16000); // resampled ×2 on the way in
        short[] pcm = new short[16000];
        for (int i = 0; i < 100; i++) {
            mic.read(frame);
            System.arraycopy(frame, 0, pcm, i * 160, 160);
        }
        assertThat(Goertzel.dbfs(Goertzel.amplitude(pcm, 0, 16000, 440, 16000))).isCloseTo(-6.0, within(0.5));
    }

    @Test
    void missingWavFileIsAClearDeviceError(@TempDir Path dir) {
        assertThatThrownBy(() -> new WavFileMicrophone(dir.resolve("absent.wav")).open(8000))
            .isInstanceOf(AudioDeviceException.class).hasMessageContaining("cannot read microphone WAV file");
    }

    /** On a machine without a sound card (like the build machine) the error says what to use instead. */
    @Test
    void absentSoundCardIsAClearDeviceError() {
        javax.sound.sampled.DataLine.Info capture = new javax.sound.sampled.DataLine.Info(
            javax.sound.sampled.TargetDataLine.class, new javax.sound.sampled.AudioFormat(8000, 16, 1, true, false));
        org.junit.jupiter.api.Assumptions.assumeFalse(javax.sound.sampled.AudioSystem.isLineSupported(capture),
            "this machine has a sound card");
        assertThatThrownBy(() -> new SoundCardMicrophone().open(8000)).isInstanceOf(AudioDeviceException.class)
            .hasMessageContaining("use --microphone tone:HZ or file:PATH.wav");
        assertThatThrownBy(() -> new SoundCardSpeaker().open(8000)).isInstanceOf(AudioDeviceException.class)
            .hasMessageContaining("use --speaker file:PATH.wav or none");
    }

    private static org.assertj.core.data.Offset<Double> within(double d) {
        return org.assertj.core.data.Offset.offset(d);
    }
}
