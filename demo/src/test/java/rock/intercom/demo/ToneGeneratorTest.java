package rock.intercom.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rock.intercom.media.codec.G711;
import rock.intercom.testkit.Goertzel;

/** The guard desk tone: right frequency, seamless across frames, survives µ-law. */
class ToneGeneratorTest {

    @ParameterizedTest(name = "{0} Hz")
    @CsvSource({"440, 1000", "1000, 440", "350, 440"})
    void toneIsAtItsFrequencyAfterUlaw(double frequency, double other) {
        ToneGenerator tone = new ToneGenerator(frequency, 8000, 0.3);
        short[] pcm = new short[1600];
        for (int f = 0; f < 10; f++) {
            short[] frame = tone.nextFrame(160);
            for (int i = 0; i < 160; i++) {
                pcm[f * 160 + i] = G711.ulawToLinear(G711.linearToUlaw(frame[i]));
            }
        }
        assertThat(Goertzel.power(pcm, frequency, 8000)).isGreaterThan(100 * Goertzel.power(pcm, other, 8000));
    }

    @Test
    void framesJoinWithoutAPhaseJump() {
        short[] whole = new ToneGenerator(440, 8000, 0.3).nextFrame(480);
        ToneGenerator split = new ToneGenerator(440, 8000, 0.3);
        short[] joined = new short[480];
        for (int f = 0; f < 3; f++) {
            System.arraycopy(split.nextFrame(160), 0, joined, f * 160, 160);
        }
        assertThat(joined).isEqualTo(whole);
    }

    @Test
    void amplitudeIsRespected() {
        short[] pcm = new ToneGenerator(440, 8000, 0.3).nextFrame(800);
        int peak = 0;
        for (short s : pcm) {
            peak = Math.max(peak, Math.abs(s));
        }
        assertThat(peak).isBetween((int) (0.29 * Short.MAX_VALUE), (int) (0.301 * Short.MAX_VALUE));
    }

    @ParameterizedTest
    @CsvSource({"0, 0.5", "4000, 0.5", "-5, 0.5", "440, 1.5", "440, -0.1"})
    void badArgumentsAreRefused(double frequency, double amplitude) {
        assertThatThrownBy(() -> new ToneGenerator(frequency, 8000, amplitude))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
