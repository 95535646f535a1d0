package rock.intercom.media.rtp;

/**
 * Extends received 16-bit sequence numbers with a cycle count (RFC 3550 §A.1) so that loss
 * statistics survive the wrap at 65535. Not thread-safe: owned by the receive thread.
 */
public final class ExtendedSequence {
    private static final int MAX_DROPOUT = 3000;
    private static final int MAX_MISORDER = 100;

    private boolean started;
    private long base;
    private long cycles;
    private int maxSeq;

    /**
     * Records {@code seq} and returns its extended value, or -1 when the jump is so large that it
     * is treated as a restart of the source (the state is then reset to it).
     */
    public long update(int seq) {
        if (!started) {
            started = true;
            maxSeq = seq;
            base = seq;
            return seq;
        }
        int delta = (seq - maxSeq) & 0xFFFF;
        if (delta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += 0x10000;
            }
            maxSeq = seq;
            return cycles + seq;
        }
        if (delta <= 0x10000 - MAX_MISORDER) {
            // A very large jump: the sender restarted; start counting afresh.
            maxSeq = seq;
            cycles = 0;
            base = seq;
            return -1;
        }
        // Late or duplicate packet from before maxSeq, possibly from the previous cycle.
        long ext = cycles + seq;
        if (seq > maxSeq) {
            ext -= 0x10000;
        }
        return ext;
    }

    /** Highest extended sequence number seen so far. */
    public long highest() {
        return cycles + maxSeq;
    }

    /** Packets expected so far (RFC 3550 §A.3). */
    public long expected() {
        return started ? highest() - base + 1 : 0;
    }
}
