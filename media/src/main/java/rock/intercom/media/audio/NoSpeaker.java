package rock.intercom.media.audio;

/** {@code --speaker none}: received audio is decoded (so statistics stay meaningful) and dropped. */
public final class NoSpeaker implements Speaker {
    @Override
    public void open(int sampleRate) {
        // Nothing to open.
    }

    @Override
    public void write(short[] frame) {
        // Dropped on purpose.
    }

    @Override
    public String describe() {
        return "none";
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
