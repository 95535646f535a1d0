package rock.intercom.media.rtp;

/**
 * Wrap-aware arithmetic on 16-bit RTP sequence numbers and 32-bit timestamps (RFC 3550 §5.1:
 * both wrap around; RFC 1982 serial-number comparison decides which is newer).
 */
public final class SequenceNumbers {
    private SequenceNumbers() {
    }

    /** Signed distance from {@code a} to {@code b} in the 16-bit space, in -32768..32767. */
    public static int sequenceDelta(int a, int b) {
        return (short) (b - a);
    }

    /** Whether sequence number {@code b} comes after {@code a}, across a wrap. */
    public static boolean isNewer(int b, int a) {
        return sequenceDelta(a, b) > 0;
    }

    /** Signed distance from timestamp {@code a} to {@code b} in the 32-bit space. */
    public static long timestampDelta(long a, long b) {
        return (int) (b - a);
    }

    /** The next sequence number after {@code seq}, wrapping 65535 → 0. */
    public static int next(int seq) {
        return (seq + 1) & 0xFFFF;
    }

    /** {@code ts + step} modulo 2^32. */
    public static long advance(long ts, long step) {
        return (ts + step) & 0xFFFF_FFFFL;
    }
}
