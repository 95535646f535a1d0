package rock.intercom.app.audio;

/** Goertzel single-frequency detector: the level of one tone in recorded PCM. */
public final class Goertzel {
    private Goertzel() {
    }

    /** Amplitude (PCM units) of {@code frequency} over {@code samples[from, to)}. */
    public static double amplitude(short[] samples, int from, int to, double frequency, int sampleRate) {
        double w = 2 * Math.PI * frequency / sampleRate;
        double coeff = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (int i = from; i < to; i++) {
            double s0 = samples[i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double re = s1 - s2 * Math.cos(w);
        double im = s2 * Math.sin(w);
        return 2 * Math.sqrt(re * re + im * im) / (to - from);
    }

    public static double dbfs(double amplitude) {
        return 20 * Math.log10(Math.max(amplitude, 1e-9) / 32767.0);
    }
}
