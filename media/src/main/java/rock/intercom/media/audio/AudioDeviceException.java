package rock.intercom.media.audio;

/** An audio device cannot be opened: absent sound card, unreadable WAV file, unsupported format. */
public final class AudioDeviceException extends Exception {
    private static final long serialVersionUID = 1L;

    public AudioDeviceException(String message) {
        super(message);
    }

    public AudioDeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
