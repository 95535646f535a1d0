package rock.intercom.media.audio;

/** Goertzel single-frequency detector, used by tests to measure a tone's level in recorded PCM. */
public final class Goertzel {
    private Goertzel() {
    }

    /** Amplitude (in PCM units) of the {@code frequency} component over {@code samples[from, to)}. */
    public static double amplitude(short[] samples, int from, int to, double frequency, int sampleRate) {
        int n = to - from;
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
        return 2 * Math.sqrt(re * re + im * im) / n;
    }

    /** RMS of {@code samples[from, to)}. */
    public static double rms(short[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    public static double dbfs(double amplitude) {
        return 20 * Math.log10(amplitude / 32767.0);
    }
}
