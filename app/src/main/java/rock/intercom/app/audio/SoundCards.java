package rock.intercom.app.audio;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

/** Whether this machine has a sound card for capture and playback (Java Sound; ALSA on a terminal). */
public interface SoundCards {

    boolean canCapture();

    boolean canPlay();

    /** Asks Java Sound for a 16-bit mono 8 kHz line, the format G.711 calls use. */
    static SoundCards javaSound() {
        AudioFormat format = new AudioFormat(8000, 16, 1, true, false);
        return new SoundCards() {
            @Override
            public boolean canCapture() {
                return supported(new DataLine.Info(TargetDataLine.class, format));
            }

            @Override
            public boolean canPlay() {
                return supported(new DataLine.Info(SourceDataLine.class, format));
            }
        };
    }

    private static boolean supported(DataLine.Info info) {
        try {
            return AudioSystem.isLineSupported(info);
        } catch (RuntimeException noAudioSystem) {
            // Headless JREs without a mixer provider throw instead of answering false.
            return false;
        }
    }

    /** A fixed answer, for tests and machines known to have no card. */
    static SoundCards of(boolean capture, boolean playback) {
        return new SoundCards() {
            @Override
            public boolean canCapture() {
                return capture;
            }

            @Override
            public boolean canPlay() {
                return playback;
            }
        };
    }
}
