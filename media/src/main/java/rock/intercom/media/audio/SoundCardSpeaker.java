package rock.intercom.media.audio;

import javax.sound.sampled.SourceDataLine;

/** The sound card's playback line through Java Sound: {@code --speaker sound}. */
public final class SoundCardSpeaker extends SoundCardDevice<SourceDataLine> implements Speaker {

    public SoundCardSpeaker() {
        super(SourceDataLine.class, "speaker", "--speaker file:PATH.wav or none");
    }

    @Override
    public void write(short[] frame) {
        byte[] buffer = bufferFor(frame.length);
        for (int i = 0; i < frame.length; i++) {
            buffer[2 * i] = (byte) frame[i];
            buffer[2 * i + 1] = (byte) (frame[i] >> 8);
        }
        line.write(buffer, 0, buffer.length);
    }

    @Override
    void beforeClose(SourceDataLine open) {
        open.drain();
    }
}
