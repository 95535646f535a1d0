package rock.intercom.media.audio;

/**
 * The device's speaker: a sink of 16-bit mono PCM, written one 20 ms frame at a time by the
 * playout thread.
 */
public interface Speaker extends AutoCloseable {
    /** Prepares playback at {@code sampleRate} Hz; called once before the first {@link #write}. */
    void open(int sampleRate) throws AudioDeviceException;

    /** Plays (or records) one frame. */
    void write(short[] frame);

    /** A short description for logs, e.g. {@code file:/tmp/heard.wav}. */
    String describe();

    @Override
    void close();
}
