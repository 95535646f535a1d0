package rock.intercom.media.audio;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;

/** Opens a Java Sound line (ALSA on the terminal) for 16-bit mono PCM with a 100 ms device buffer. */
final class SoundCardLines {

    private SoundCardLines() {
    }

    /**
     * An open, started line of {@code type} ({@code TargetDataLine} for capture, {@code SourceDataLine}
     * for playback); {@code what} and {@code instead} word the error a machine without one gets.
     */
    static <L extends DataLine> L open(Class<L> type, int sampleRate, String what, String instead)
            throws AudioDeviceException {
        AudioFormat format = new AudioFormat(sampleRate, 16, 1, true, false);
        DataLine.Info info = new DataLine.Info(type, format);
        if (!AudioSystem.isLineSupported(info)) {
            throw new AudioDeviceException("no sound card " + what + " supports 16-bit mono " + sampleRate
                    + " Hz " + (type == javax.sound.sampled.TargetDataLine.class ? "capture" : "playback")
                    + "; use " + instead + " on machines without one");
        }
        try {
            L line = type.cast(AudioSystem.getLine(info));
            int bufferBytes = sampleRate / 10 * 2;
            if (line instanceof javax.sound.sampled.TargetDataLine capture) {
                capture.open(format, bufferBytes);
            } else {
                ((javax.sound.sampled.SourceDataLine) line).open(format, bufferBytes);
            }
            line.start();
            return line;
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new AudioDeviceException("sound card " + what + " unavailable: " + e.getMessage(), e);
        }
    }
}
