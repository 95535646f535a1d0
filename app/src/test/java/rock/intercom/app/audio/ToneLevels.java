package rock.intercom.app.audio;

import java.util.Arrays;
import rock.intercom.testkit.Goertzel;

/**
 * A tone's level in a recording, measured per 50 ms block (Goertzel). One long window would let a
 * single frame slip (a jitter-buffer adjustment shifts the phase) cancel part of the tone and
 * understate its level by several dB; per-block levels show both the level and such slips.
 */
final class ToneLevels {
    private final double[] blocksDbfs;

    private ToneLevels(double[] blocksDbfs) {
        this.blocksDbfs = blocksDbfs;
    }

    /** Levels of {@code hz} in 50 ms blocks of {@code pcm[from, to)}. */
    static ToneLevels of(short[] pcm, int from, int to, double hz, int sampleRate) {
        int block = sampleRate / 20;
        int count = (to - from) / block;
        double[] levels = new double[count];
        for (int i = 0; i < count; i++) {
            int start = from + i * block;
            levels[i] = Goertzel.dbfs(Goertzel.amplitude(pcm, start, start + block, hz, sampleRate));
        }
        return new ToneLevels(levels);
    }

    int blocks() {
        return blocksDbfs.length;
    }

    double medianDbfs() {
        double[] sorted = blocksDbfs.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    double loudestDbfs() {
        return Arrays.stream(blocksDbfs).max().orElse(Double.NEGATIVE_INFINITY);
    }

    /** The share of blocks whose level lies in {@code [low, high]}. */
    double shareWithin(double low, double high) {
        return (double) Arrays.stream(blocksDbfs).filter(l -> l >= low && l <= high).count() / blocksDbfs.length;
    }

    @Override
    public String toString() {
        return Arrays.toString(Arrays.stream(blocksDbfs).map(l -> Math.round(l * 10) / 10.0).toArray());
    }
}
