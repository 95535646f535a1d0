package rock.intercom.demo;

/** Goertzel single-frequency power, to tell which tone a block of PCM carries. */
final class Goertzel {
    private Goertzel() {
    }

    static double power(short[] samples, double frequencyHz, int sampleRate) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequencyHz / sampleRate);
        double s1 = 0;
        double s2 = 0;
        for (short sample : samples) {
            double s0 = sample + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
    }
}
