package rock.intercom.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SequenceNumbersTest {

    @ParameterizedTest(name = "{0} → {1} is {2}")
    @CsvSource({"0, 1, 1", "65535, 0, 1", "65530, 5, 11", "5, 65530, -11", "100, 100, 0", "0, 32767, 32767",
        "1, 0, -1"})
    void sequenceDeltaWraps(int a, int b, int delta) {
        assertThat(SequenceNumbers.sequenceDelta(a, b)).isEqualTo(delta);
        assertThat(SequenceNumbers.isNewer(b, a)).isEqualTo(delta > 0);
    }

    @ParameterizedTest(name = "ts {0} → {1} is {2}")
    @CsvSource({"4294967136, 0, 160", "0, 4294967136, -160", "1000, 1160, 160"})
    void timestampDeltaWraps(long a, long b, long delta) {
        assertThat(SequenceNumbers.timestampDelta(a, b)).isEqualTo(delta);
        assertThat(SequenceNumbers.advance(a, delta)).isEqualTo(b);
    }

    @Test
    void nextWraps() {
        assertThat(SequenceNumbers.next(65535)).isZero();
        assertThat(SequenceNumbers.next(41)).isEqualTo(42);
    }

    @Test
    void extendedSequenceCountsCyclesAndLateArrivals() {
        ExtendedSequence ext = new ExtendedSequence();
        assertThat(ext.update(65533)).isEqualTo(65533);
        assertThat(ext.update(65535)).isEqualTo(65535);
        assertThat(ext.update(1)).isEqualTo(65537);
        assertThat(ext.update(65534)).as("late packet from the previous cycle").isEqualTo(65534);
        assertThat(ext.update(2)).isEqualTo(65538);
        assertThat(ext.highest()).isEqualTo(65538);
        assertThat(ext.expected()).isEqualTo(6);
        assertThat(ext.update(40000)).as("huge jump = source restart").isEqualTo(-1);
        assertThat(ext.expected()).isEqualTo(1);
    }
}
