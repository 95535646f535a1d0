package rock.intercom.media.audio;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/** The sound card's playback line through Java Sound: {@code --speaker sound}. */
public final class SoundCardSpeaker implements Speaker {
    private SourceDataLine line;
    private byte[] buffer = new byte[0];

    @Override
    public void open(int sampleRate) throws AudioDeviceException {
        AudioFormat format = new AudioFormat(sampleRate, 16, 1, true, false);
        DataLine.Info info = new DataLine.Info(SourceDataLine.class, format);
        if (!AudioSystem.isLineSupported(info)) {
            throw new AudioDeviceException("no sound card speaker supports 16-bit mono " + sampleRate
                + " Hz playback; use --speaker file:PATH.wav or none on machines without one");
        }
        try {
            line = (SourceDataLine) AudioSystem.getLine(info);
            line.open(format, sampleRate / 10 * 2);
            line.start();
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new AudioDeviceException("sound card speaker unavailable: " + e.getMessage(), e);
        }
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
