package rock.intercom.demo;

/**
 * A continuous sine tone as 16-bit PCM frames; the phase carries over between frames so packet
 * boundaries do not click. One instance per stream, used by one thread at a time.
 */
public final class ToneGenerator {
    private final double frequencyHz;
    private final int sampleRate;
    private final double amplitude;
    private long sampleIndex;

    /** @param amplitude peak value as a fraction of full scale, 0..1 */
    public ToneGenerator(double frequencyHz, int sampleRate, double amplitude) {
        if (frequencyHz <= 0 || frequencyHz >= sampleRate / 2.0) {
            throw new IllegalArgumentException("tone frequency must be between 0 and " + sampleRate / 2 + " Hz");
        }
        if (amplitude < 0 || amplitude > 1) {
            throw new IllegalArgumentException("amplitude must be within 0..1");
        }
        this.frequencyHz = frequencyHz;
        this.sampleRate = sampleRate;
        this.amplitude = amplitude;
    }

    /** The next {@code samples} samples of the tone. */
    public short[] nextFrame(int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            double phase = 2 * Math.PI * frequencyHz * (sampleIndex++) / sampleRate;
            pcm[i] = (short) Math.round(amplitude * Short.MAX_VALUE * Math.sin(phase));
        }
        return pcm;
    }
}
