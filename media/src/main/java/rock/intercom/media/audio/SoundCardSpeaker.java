package rock.intercom.media.audio;

import javax.sound.sampled.SourceDataLine;

/** The sound card's playback line through Java Sound: {@code --speaker sound}. */
public final class SoundCardSpeaker implements Speaker {
    private SourceDataLine line;
    private byte[] buffer = new byte[0];

    @Override
    public void open(int sampleRate) throws AudioDeviceException {
        line = SoundCardLines.open(SourceDataLine.class, sampleRate, "speaker", "--speaker file:PATH.wav or none");
    }

    @Override
    public void write(short[] frame) {
        if (buffer.length != frame.length * 2) {
            buffer = new byte[frame.length * 2];
        }
        for (int i = 0; i < frame.length; i++) {
            buffer[2 * i] = (byte) frame[i];
            buffer[2 * i + 1] = (byte) (frame[i] >> 8);
        }
        line.write(buffer, 0, buffer.length);
    }

    @Override
    public String describe() {
        return "sound";
    }

    @Override
    public void close() {
        if (line != null) {
            line.drain();
            line.close();
        }
    }
}
