package rock.intercom.media.session;

/**
 * Packet loss concealment for G.711 (in the spirit of ITU-T G.711 Appendix I, simplified):
 * the first lost frame repeats the last good one, each further loss repeats it again 6 dB
 * quieter with a ramp across the frame (no clicks), and after {@link #MAX_CONCEALED} frames
 * (100 ms) it outputs silence. Not thread-safe: owned by the playout thread.
 */
public final class LossConcealment {
    /** Consecutive frames concealed before going silent. */
    public static final int MAX_CONCEALED = 5;
    private short[] last;
    private int lost;

    /** Records a frame that was received and decoded. */
    public void good(short[] frame) {
        if (last == null || last.length != frame.length) {
            last = new short[frame.length];
        }
        System.arraycopy(frame, 0, last, 0, frame.length);
        lost = 0;
    }

    /** Fills {@code frame} for a lost packet. */
    public void conceal(short[] frame) {
        lost++;
        if (last == null || lost > MAX_CONCEALED) {
            java.util.Arrays.fill(frame, (short) 0);
            return;
        }
        double from = Math.pow(0.5, lost - 1);
        double to = lost == MAX_CONCEALED ? 0.0 : Math.pow(0.5, lost);
        int n = Math.min(frame.length, last.length);
        for (int i = 0; i < n; i++) {
            double g = from + (to - from) * i / n;
            frame[i] = (short) Math.round(last[i] * g);
        }
    }

    /** Consecutive frames concealed so far. */
    public int consecutiveLost() {
        return lost;
    }
}
