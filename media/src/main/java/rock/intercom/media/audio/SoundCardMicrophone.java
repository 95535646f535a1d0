package rock.intercom.media.audio;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;

/** The sound card's capture line through Java Sound (ALSA on the terminal): {@code --microphone sound}. */
public final class SoundCardMicrophone implements Microphone {
    private TargetDataLine line;
    private byte[] buffer = new byte[0];

    @Override
    public void open(int sampleRate) throws AudioDeviceException {
        AudioFormat format = new AudioFormat(sampleRate, 16, 1, true, false);
        DataLine.Info info = new DataLine.Info(TargetDataLine.class, format);
        if (!AudioSystem.isLineSupported(info)) {
            throw new AudioDeviceException("no sound card microphone supports 16-bit mono " + sampleRate
                + " Hz capture; use --microphone tone:HZ or file:PATH.wav on machines without one");
        }
        try {
            line = (TargetDataLine) AudioSystem.getLine(info);
            line.open(format, sampleRate / 10 * 2); // 100 ms device buffer
            line.start();
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new AudioDeviceException("sound card microphone unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public void read(short[] frame) {
        if (buffer.length != frame.length * 2) {
            buffer = new byte[frame.length * 2];
        }
        int n = line.read(buffer, 0, buffer.length);
        for (int i = 0; i < frame.length; i++) {
            frame[i] = 2 * i + 1 < n ? (short) ((buffer[2 * i] & 0xFF) | (buffer[2 * i + 1] << 8)) : 0;
        }
    }

    @Override
    public String describe() {
        return "sound";
    }

    @Override
    public void close() {
        if (line != null) {
            line.close();
        }
    }
}
