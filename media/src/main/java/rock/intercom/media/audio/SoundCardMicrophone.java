package rock.intercom.media.audio;

import javax.sound.sampled.TargetDataLine;

/** The sound card's capture line through Java Sound (ALSA on the terminal): {@code --microphone sound}. */
public final class SoundCardMicrophone extends SoundCardDevice<TargetDataLine> implements Microphone {

    public SoundCardMicrophone() {
        super(TargetDataLine.class, "microphone", "--microphone tone:HZ or file:PATH.wav");
    }

    @Override
    public void read(short[] frame) {
        byte[] buffer = bufferFor(frame.length);
        int n = line.read(buffer, 0, buffer.length);
        for (int i = 0; i < frame.length; i++) {
            frame[i] = 2 * i + 1 < n ? (short) ((buffer[2 * i] & 0xFF) | (buffer[2 * i + 1] << 8)) : 0;
        }
    }
}
