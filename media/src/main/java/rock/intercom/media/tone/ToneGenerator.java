package rock.intercom.media.tone;

import java.util.Objects;

/**
 * Renders a {@link Cadence} as 16-bit PCM frames for the door's speaker, phase-continuous across
 * frames, each frequency at {@link #LEVEL_DBFS} (E.180's −10 dBm0 order of loudness, well clear of
 * clipping when two are summed); the speaker volume setting applies on playout. Not thread-safe:
 * one playout thread renders.
 */
public final class ToneGenerator {

    /** Level of each frequency. */
    public static final double LEVEL_DBFS = -16.0;

    private final Cadence cadence;
    private final int sampleRate;
    private final double amplitude = 32767 * Math.pow(10, LEVEL_DBFS / 20);
    private final double[] phase;
    private long sample;

    public ToneGenerator(Cadence cadence, int sampleRate) {
        this.cadence = Objects.requireNonNull(cadence, "cadence");
        if (sampleRate < 8000) {
            throw new IllegalArgumentException("sample rate must be at least 8000 Hz");
        }
        this.sampleRate = sampleRate;
        this.phase = new double[cadence.frequencies().size()];
    }

    /** Fills {@code frame} with the next samples: the tone while the cadence is on, silence while off. */
    public void next(short[] frame) {
        for (int i = 0; i < frame.length; i++, sample++) {
            double value = 0;
            if (cadence.soundsAt(sample * 1000 / sampleRate)) {
                for (int f = 0; f < phase.length; f++) {
                    value += amplitude * Math.sin(phase[f]);
                }
            }
            for (int f = 0; f < phase.length; f++) {
                phase[f] += 2 * Math.PI * cadence.frequencies().get(f) / sampleRate;
                if (phase[f] > 2 * Math.PI) {
                    phase[f] -= 2 * Math.PI;
                }
            }
            frame[i] = (short) Math.round(value);
        }
    }
}
