package rock.intercom.media.audio;

/**
 * The device's speaker: a sink of 16-bit mono PCM, written one 20 ms frame at a time by the
 * playout thread.
 */
public interface Speaker extends AudioDevice {
    /** Plays (or records) one frame. */
    void write(short[] frame);
}
