package rock.intercom.media.audio;

/**
 * What the {@link Microphone} and the {@link Speaker} share: opened once at the call's PCM rate
 * before the first frame, described for logs, closed when the call's media stops.
 */
public interface AudioDevice extends AutoCloseable {
    /** Prepares capture or playback at {@code sampleRate} Hz; called once before the first frame. */
    void open(int sampleRate) throws AudioDeviceException;

    /** A short description for logs, e.g. {@code tone:1000} or {@code file:/tmp/heard.wav}. */
    String describe();

    @Override
    void close();
}
