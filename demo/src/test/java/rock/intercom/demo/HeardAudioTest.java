package rock.intercom.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeardAudioTest {

    /** Adds {@code total} samples numbered 0, 1, 2… in packets of 160 (the last one shorter). */
    private static HeardAudio heard(int total) {
        HeardAudio heard = new HeardAudio();
        for (int start = 0; start < total; start += 160) {
            short[] packet = new short[Math.min(160, total - start)];
            for (int i = 0; i < packet.length; i++) {
                packet[i] = (short) ((start + i) % 30000);
            }
            heard.add(packet);
        }
        return heard;
    }

    @ParameterizedTest(name = "{0} heard, last {1} asked: {2} returned, first is sample {3}")
    @CsvSource({
        "0,     100,   0,     -1",
        "100,   160,   100,   0",
        "1000,  160,   160,   840",
        "16000, 16000, 16000, 0",
        // Past the 2 s bound the oldest audio is gone: the ring keeps the newest 16000 samples.
        "20000, 8000,  8000,  12000",
        "20000, 99999, 16000, 4000",
    })
    void theNewestSamplesComeBackOldestFirstWithinTheBound(int total, int asked, int returned, int first) {
        short[] last = heard(total).last(asked);
        assertThat(last).hasSize(returned);
        if (returned > 0) {
            assertThat(last[0]).isEqualTo((short) (first % 30000));
            assertThat(last[returned - 1]).isEqualTo((short) ((total - 1) % 30000));
        }
    }

    @Test
    void silenceIsAVeryLowLevelAndNothingHeardIsNotHearing() {
        HeardAudio heard = new HeardAudio();
        assertThat(heard.hearingWithin(1000)).isFalse();
        assertThat(heard.levelDbfs()).isLessThan(-150);
        heard.add(new short[160]);
        assertThat(heard.hearingWithin(1000)).isTrue();
        assertThat(heard.packets()).isEqualTo(1);
        assertThat(heard.levelDbfs()).isLessThan(-150);
    }

    @Test
    void aFullScaleSquareWaveIsAboutZeroDbfs() {
        HeardAudio heard = new HeardAudio();
        short[] square = new short[8000];
        for (int i = 0; i < square.length; i++) {
            square[i] = (short) (i % 2 == 0 ? 32767 : -32767);
        }
        heard.add(square);
        assertThat(heard.levelDbfs()).isBetween(-0.1, 0.1);
    }
}
