package rock.intercom.media.audio;

/**
 * The device's microphone: a source of 16-bit mono PCM, read one 20 ms frame at a time by the
 * RTP sender thread. {@link #read} may block (a sound card) or return at once (tone, file); the
 * sender paces itself either way.
 */
public interface Microphone extends AudioDevice {
    /** Fills {@code frame} with the next samples. */
    void read(short[] frame);
}
