package rock.intercom.media.video;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a decoder counts as stuck: key frames in, no picture out, for long enough; and how often it may be restarted. */
class DecoderWatchTest {
    private static final long MS = 1_000_000L;

    private final DecoderWatch watch = new DecoderWatch();

    @Test
    void aDecoderThatKeepsShowingPicturesIsNeverRestarted() {
        long frames = 0;
        for (long t = 0; t < 20_000 * MS; t += 20 * MS) {
            long keyFrameAt = t - t % (2_000 * MS); // a key frame every 2 s, pictures all along
            assertThat(watch.stalled(t, frames++, keyFrameAt)).isFalse();
        }
    }

    @Test
    void keyFramesWithoutPicturesForTwoSecondsMeanRestart() {
        assertThat(watch.stalled(0, 0, -1)).isFalse();
        assertThat(watch.stalled(100 * MS, 0, 100 * MS)).isFalse(); // the key frame begins to arrive
        assertThat(watch.stalled(2_099 * MS, 0, 100 * MS)).isFalse(); // still within the decoder's time
        assertThat(watch.stalled(2_100 * MS, 0, 100 * MS)).isTrue();
    }

    @Test
    void aPictureStopsTheCountButALaterFreezeIsCaughtToo() {
        assertThat(watch.stalled(0, 0, 0)).isFalse();
        assertThat(watch.stalled(200 * MS, 1, 0)).isFalse(); // the key frame became a picture
        assertThat(watch.stalled(3_000 * MS, 1, 0)).isFalse(); // no key frame since: nothing to expect
        assertThat(watch.stalled(4_000 * MS, 1, 3_900 * MS)).isFalse();
        assertThat(watch.stalled(5_900 * MS, 1, 3_900 * MS)).isTrue(); // that key frame never showed
    }

    @Test
    void withoutKeyFramesThereIsNothingToWaitFor() {
        for (long t = 0; t < 30_000 * MS; t += 100 * MS) {
            assertThat(watch.stalled(t, 0, -1)).isFalse();
        }
    }

    @Test
    void aStreamThatNeverDecodesRestartsTheDecoderAtMostEveryFiveSeconds() {
        int restarts = 0;
        for (long t = 0; t <= 60_000 * MS; t += 20 * MS) {
            long keyFrameAt = t - t % (1_000 * MS); // a key frame every second, never decodable
            if (watch.stalled(t, 0, keyFrameAt)) {
                restarts++;
            }
        }
        assertThat(restarts).isBetween(10, 12);
    }

    @Test
    void aFreshDecoderGetsItsOwnTimeBeforeTheNextRestart() {
        assertThat(watch.stalled(0, 5, 0)).isFalse();
        assertThat(watch.stalled(2_500 * MS, 5, 100 * MS)).isTrue();
        // The new decoder counts from 0; a key frame right after the restart gets its 2 s and the 5 s spacing holds.
        assertThat(watch.stalled(2_600 * MS, 0, 2_550 * MS)).isFalse();
        assertThat(watch.stalled(4_600 * MS, 0, 2_550 * MS)).isFalse();
        assertThat(watch.stalled(7_500 * MS, 0, 2_550 * MS)).isTrue();
    }
}
