package rock.intercom.media.audio;

import javax.sound.sampled.TargetDataLine;

/** The sound card's capture line through Java Sound (ALSA on the terminal): {@code --microphone sound}. */
public final class SoundCardMicrophone implements Microphone {
    private TargetDataLine line;
    private byte[] buffer = new byte[0];

    @Override
    public void open(int sampleRate) throws AudioDeviceException {
        line = SoundCardLines.open(TargetDataLine.class, sampleRate, "microphone", "--microphone tone:HZ or file:PATH.wav");
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
