package rock.intercom.media.audio;

/**
 * A microphone that produces a continuous sine tone ({@code --microphone tone:HZ}), phase
 * continuous across frames, at {@link #LEVEL_DBFS} so it passes G.711 without clipping.
 */
public final class ToneMicrophone implements Microphone {
    /** Tone level: −6 dBFS (amplitude 16 384). */
    public static final double LEVEL_DBFS = -6.0;
    private final double frequency;
    private final double amplitude;
    private double phase;
    private double step;

    public ToneMicrophone(double frequency) {
        this(frequency, LEVEL_DBFS);
    }

    public ToneMicrophone(double frequency, double levelDbfs) {
        if (!(frequency > 0 && frequency < 24_000)) {
            throw new IllegalArgumentException("tone frequency must be between 0 and 24000 Hz: " + frequency);
        }
        this.frequency = frequency;
        this.amplitude = 32767 * Math.pow(10, levelDbfs / 20);
    }

    @Override
    public void open(int sampleRate) {
        if (frequency >= sampleRate / 2.0) {
            throw new IllegalArgumentException("tone " + frequency + " Hz is above the Nyquist limit of " + sampleRate);
        }
        step = 2 * Math.PI * frequency / sampleRate;
    }

    @Override
    public void read(short[] frame) {
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (short) Math.round(amplitude * Math.sin(phase));
            phase += step;
            if (phase > 2 * Math.PI) {
                phase -= 2 * Math.PI;
            }
        }
    }

    @Override
    public String describe() {
        return "tone:" + frequency;
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
