package rock.intercom.media.session;

/**
 * The sender's schedule: frame {@code n} is due at {@code start + n × 20 ms} on a monotonic clock
 * (never wall time), and its RTP timestamp is {@code base + n × samples-per-frame}, so neither
 * drifts. After a stall longer than {@link #MAX_CATCH_UP_FRAMES} frames (GC pause, suspended VM)
 * the schedule skips ahead instead of bursting: the skipped frames' timestamps are skipped too,
 * so the timestamps still describe real time (RFC 3550 §5.1). Pure logic, not thread-safe.
 */
public final class FrameClock {
    /** At most this many late frames are sent back to back; beyond, the schedule resyncs. */
    public static final int MAX_CATCH_UP_FRAMES = 3;
    private final long startNanos;
    private final long frameNanos;
    private long frameIndex;

    public FrameClock(long startNanos, long frameNanos) {
        this.startNanos = startNanos;
        this.frameNanos = frameNanos;
    }

    /** Index of the frame to send next (also its timestamp multiplier). */
    public long frameIndex() {
        return frameIndex;
    }

    /** When the next frame is due. */
    public long dueNanos() {
        return startNanos + frameIndex * frameNanos;
    }

    /**
     * Called when a frame is about to be sent at {@code nowNanos} (at or after {@link #dueNanos()}):
     * skips ahead if the sender fell too far behind. Returns the number of frames skipped.
     */
    public long resyncIfStalled(long nowNanos) {
        long behind = (nowNanos - dueNanos()) / frameNanos;
        if (behind > MAX_CATCH_UP_FRAMES) {
            frameIndex += behind;
            return behind;
        }
        return 0;
    }

    /** Marks the current frame as sent. */
    public void advance() {
        frameIndex++;
    }
}
