package rock.intercom.media.session;

/**
 * What a running call's media reports to the call logic. Called on media threads, never under a
 * media lock; implementations should post to the call's own thread and return quickly.
 */
public interface MediaListener {
    /** The reason given when the watchdog fires. */
    String NO_AUDIO_RECEIVED = "no audio received";

    /** No RTP arrived for the configured time; {@code reason} is {@link #NO_AUDIO_RECEIVED}. */
    default void onNoMedia(String reason) {
    }

    /** A DTMF digit arrived by RFC 4733 (0-9, *, #, A-D). */
    default void onDtmf(char digit) {
    }
}
