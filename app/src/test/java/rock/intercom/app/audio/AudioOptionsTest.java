package rock.intercom.app.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import rock.intercom.media.audio.NoSpeaker;
import rock.intercom.media.audio.ToneMicrophone;
import rock.intercom.media.audio.WavFileMicrophone;
import rock.intercom.media.audio.WavFileSpeaker;

/** The {@code --microphone}, {@code --speaker} and {@code --rtp-ports} options: values, errors, fallbacks. */
class AudioOptionsTest {

    private static final Path DIR = Path.of("target", "audio-tests", "options").toAbsolutePath();
    private static Path wav;

    @Command(name = "device")
    static final class Device {
        @Mixin
        AudioOptions audio;
    }

    @BeforeAll
    static void wavFile() throws Exception {
        Files.createDirectories(DIR);
        wav = DIR.resolve("prompt.wav");
        Process sox = new ProcessBuilder("sox", "-n", "-r", "16000", "-c", "2", "-b", "16", wav.toString(),
                "synth", "0.5", "sine", "300").inheritIO().start();
        assertThat(sox.waitFor()).isZero();
        Files.writeString(DIR.resolve("not-audio.wav"), "hello");
    }

    private static AudioSetup parse(SoundCards cards, String... args) {
        Device device = new Device();
        new CommandLine(device).parseArgs(args);
        return device.audio.setup(cards);
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of(List.of("--microphone", "tone:1000"), "tone:1000", ToneMicrophone.class),
                Arguments.of(List.of("--microphone", "tone:3999"), "tone:3999", ToneMicrophone.class),
                Arguments.of(List.of("--microphone", "file:" + DIR.resolve("prompt.wav")), "file:"
                        + DIR.resolve("prompt.wav"), WavFileMicrophone.class),
                Arguments.of(List.of("--speaker", "none"), "none", NoSpeaker.class),
                Arguments.of(List.of("--speaker", "file:" + DIR.resolve("heard.wav")), "file:"
                        + DIR.resolve("heard.wav"), WavFileSpeaker.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void acceptedValues(List<String> args, String spec, Class<?> device) {
        AudioSetup setup = parse(SoundCards.of(false, false), args.toArray(String[]::new));
        boolean microphone = args.get(0).equals("--microphone");
        assertThat(microphone ? setup.microphone() : setup.speaker()).isEqualTo(spec);
        assertThat(microphone ? setup.microphones().get() : setup.speakers().get()).isInstanceOf(device);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("--microphone", "mic", "--microphone must be sound, tone:HZ or file:PATH.wav; got 'mic'"),
                Arguments.of("--microphone", "tone:abc", "--microphone tone:HZ needs a number of hertz, e.g. tone:1000; got 'tone:abc'"),
                Arguments.of("--microphone", "tone:4000", "--microphone tone:HZ must be between 1 and 3999 Hz (calls sample at 8 kHz); got 'tone:4000'"),
                Arguments.of("--microphone", "tone:0", "--microphone tone:HZ must be between 1 and 3999 Hz (calls sample at 8 kHz); got 'tone:0'"),
                Arguments.of("--microphone", "file:voice.mp3", "--microphone file:PATH must name a .wav file; got 'file:voice.mp3'"),
                Arguments.of("--microphone", "file:" + DIR.resolve("missing.wav"), "--microphone file:" + DIR.resolve("missing.wav")
                        + ": no readable file " + DIR.resolve("missing.wav")),
                Arguments.of("--speaker", "loud", "--speaker must be sound, file:PATH.wav or none; got 'loud'"),
                Arguments.of("--speaker", "file:/no/such/dir/heard.wav", "--speaker file:/no/such/dir/heard.wav: directory /no/such/dir does not exist or is not writable"),
                Arguments.of("--speaker", "file:", "--speaker file:PATH must name a .wav file; got 'file:'"),
                Arguments.of("--rtp-ports", "20000", "--rtp-ports must be LOW-HIGH, e.g. 20000-20100, got '20000'"),
                Arguments.of("--rtp-ports", "a-b", "--rtp-ports must be two numbers LOW-HIGH, got 'a-b'"),
                Arguments.of("--rtp-ports", "30000-20000", "RTP port range must be within 1024-65535 and hold at least one pair: 30000-20000"),
                Arguments.of("--rtp-ports", "80-200", "RTP port range must be within 1024-65535 and hold at least one pair: 80-200"),
                Arguments.of("--rtp-ports", "20001-20002", "--rtp-ports 20001-20002 holds no even RTP port with its odd RTCP port; widen the range"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("refused")
    void refusedValuesGiveOneLineErrors(String option, String value, String message) {
        assertThatThrownBy(() -> parse(SoundCards.of(true, true), option, value))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessage(message);
        assertThat(message).doesNotContain("\n");
    }

    @Test
    void aWavThatIsNotAudioIsRefused() {
        assertThatThrownBy(() -> parse(SoundCards.of(true, true), "--microphone", "file:" + DIR.resolve("not-audio.wav")))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageStartingWith("--microphone file:" + DIR.resolve("not-audio.wav") + ": not a readable WAV file");
    }

    @Test
    void defaultsUseTheSoundCardWhenThereIsOne() {
        AudioSetup setup = parse(SoundCards.of(true, true));
        assertThat(List.of(setup.microphone(), setup.speaker())).containsExactly("sound", "sound");
        assertThat(setup.notices()).isEmpty();
        assertThat(setup.rtpPorts().low()).isEqualTo(16384);
        assertThat(setup.rtpPorts().high()).isEqualTo(16483);
    }

    @Test
    void withoutASoundCardDefaultsFallBackWithANotice() {
        AudioSetup setup = parse(SoundCards.of(false, false));
        assertThat(List.of(setup.microphone(), setup.speaker())).containsExactly("tone:440", "none");
        assertThat(setup.notices()).hasSize(2).allMatch(n -> !n.contains("\n"));
        assertThat(setup.microphones().get()).isInstanceOf(ToneMicrophone.class);
    }

    @Test
    void soundAskedForButAbsentStillRunsCallsAndSaysSo() {
        AudioSetup setup = parse(SoundCards.of(false, false), "--microphone", "sound", "--speaker", "sound",
                "--rtp-ports", "20000-20009");
        assertThat(List.of(setup.microphone(), setup.speaker())).containsExactly("tone:440", "none");
        List<String> notices = new ArrayList<>(setup.notices());
        assertThat(notices).containsExactly(
                "--microphone sound: this machine has no sound card microphone; calls send tone:440 instead.",
                "--speaker sound: this machine has no sound card speaker; received audio is dropped.");
        assertThat(setup.rtpPorts().low()).isEqualTo(20000);
    }
}
