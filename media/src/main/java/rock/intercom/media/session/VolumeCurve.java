package rock.intercom.media.session;

/**
 * Microphone and speaker volume (guide step 6, 0–100) as a gain on 16-bit PCM.
 *
 * <p>The curve is linear in decibels: {@code gain_dB = 30 × (volume/100 − 1)}, so 100 is unity
 * (0 dB, full level), 50 is −15 dB, 1 is −29.7 dB, and 0 mutes. Equal steps sound like equal
 * loudness changes, which a linear amplitude scale would not. Samples saturate at ±32767 instead
 * of wrapping.
 */
public final class VolumeCurve {
    /** Attenuation range of the curve between volume 100 and volume 0+. */
    public static final double RANGE_DB = 30.0;

    private VolumeCurve() {
    }

    /** The linear amplitude factor for {@code volume}. */
    public static double gain(int volume) {
        if (volume < 0 || volume > 100) {
            throw new IllegalArgumentException("volume must be 0-100: " + volume);
        }
        if (volume == 0) {
            return 0.0;
        }
        return Math.pow(10, RANGE_DB * (volume / 100.0 - 1) / 20);
    }

    /** Applies {@code gain} to {@code frame} in place, with saturation. */
    public static void apply(short[] frame, double gain) {
        if (gain == 1.0) {
            return;
        }
        for (int i = 0; i < frame.length; i++) {
            long v = Math.round(frame[i] * gain);
            frame[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
        }
    }
}
