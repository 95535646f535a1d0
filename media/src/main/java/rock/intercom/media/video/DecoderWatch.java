package rock.intercom.media.video;

/**
 * Notices a decoder that stopped showing pictures although the peer's key frames keep arriving,
 * so that the session restarts it (a stalled GStreamer decoder does not recover by itself, and a
 * guard would otherwise watch a frozen picture for the rest of the call). Pure: the caller gives
 * the time and the counters. Used on one thread (the session's RTP receive loop).
 */
final class DecoderWatch {

    /** How long a key frame may take to become a picture (jitter buffer 100 ms, decoder start-up) before the decoder is called stuck. */
    static final long STALL_NANOS = 2_000_000_000L;
    /** At most one restart this often, whatever the stream does: a crafted stream costs one pipeline per 5 s. */
    static final long RESTART_INTERVAL_NANOS = 5_000_000_000L;

    private long decoded = -1;
    private long pictureChangedNanos;
    /** Whether a key frame arrived after the last new picture, and when the first such one did. */
    private boolean keyFrameWaiting;
    private long keyFrameWaitingSinceNanos;
    private boolean restarted;
    private long lastRestartNanos;

    /**
     * After each packet received: true when the decoder should be restarted now, because the first
     * key frame to arrive after its last new picture did so {@link #STALL_NANOS} ago or more and
     * still no picture came out.
     *
     * @param framesDecoded       the current decoder's picture count
     * @param lastKeyFrameInNanos when the peer's last key frame began to arrive, or -1
     */
    boolean stalled(long now, long framesDecoded, long lastKeyFrameInNanos) {
        if (framesDecoded != decoded) {
            decoded = framesDecoded;
            pictureChangedNanos = now;
            keyFrameWaiting = false;
            return false;
        }
        if (!keyFrameWaiting && lastKeyFrameInNanos != -1 && lastKeyFrameInNanos - pictureChangedNanos > 0) {
            keyFrameWaiting = true;
            keyFrameWaitingSinceNanos = lastKeyFrameInNanos;
        }
        if (!keyFrameWaiting || now - keyFrameWaitingSinceNanos < STALL_NANOS
                || (restarted && now - lastRestartNanos < RESTART_INTERVAL_NANOS)) {
            return false;
        }
        restarted = true;
        lastRestartNanos = now;
        // The new decoder starts from no picture at all; its stall is counted from now.
        decoded = 0;
        pictureChangedNanos = now;
        keyFrameWaiting = false;
        return true;
    }
}
