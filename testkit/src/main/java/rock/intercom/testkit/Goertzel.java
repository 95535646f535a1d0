package rock.intercom.testkit;

/** Goertzel single-frequency detector: how strongly one tone sounds in recorded PCM. */
public final class Goertzel {
    private Goertzel() {
    }

    /** Amplitude (in PCM units) of the {@code frequency} component over {@code samples[from, to)}. */
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

    /** Unnormalised power of {@code frequency} over all of {@code samples}, for comparing tones in one block. */
    public static double power(short[] samples, double frequency, int sampleRate) {
        double coeff = 2 * Math.cos(2 * Math.PI * frequency / sampleRate);
        double s1 = 0;
        double s2 = 0;
        for (short sample : samples) {
            double s0 = sample + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - coeff * s1 * s2;
    }

    /** RMS of {@code samples[from, to)}. */
    public static double rms(short[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    /** The amplitude relative to full scale; silence is a very low finite level, not minus infinity. */
    public static double dbfs(double amplitude) {
        return 20 * Math.log10(Math.max(amplitude, 1e-9) / 32767.0);
    }
}
