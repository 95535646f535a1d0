package rock.intercom.media.audio;

import javax.sound.sampled.DataLine;

/**
 * What the sound card's microphone and speaker share: opening their Java Sound line, a reused
 * byte buffer for 16-bit little-endian frames, the name {@code sound}, and closing the line.
 * A subclass only moves samples between its frames and the line.
 */
abstract class SoundCardDevice<L extends DataLine> {
    private final Class<L> type;
    private final String what;
    private final String instead;
    private byte[] buffer = new byte[0];
    /** The open line; null until {@link #open}. */
    L line;

    /** {@code what} and {@code instead} word the error a machine without a sound card gets. */
    SoundCardDevice(Class<L> type, String what, String instead) {
        this.type = type;
        this.what = what;
        this.instead = instead;
    }

    public void open(int sampleRate) throws AudioDeviceException {
        line = SoundCardLines.open(type, sampleRate, what, instead);
    }

    /** The byte buffer for a frame of {@code samples} 16-bit samples; reused while frames keep their size. */
    byte[] bufferFor(int samples) {
        if (buffer.length != samples * 2) {
            buffer = new byte[samples * 2];
        }
        return buffer;
    }

    public String describe() {
        return "sound";
    }

    /** Runs before the line closes; the speaker lets what it queued play out. */
    void beforeClose(L open) {
    }

    public void close() {
        if (line != null) {
            beforeClose(line);
            line.close();
        }
    }
}
