package rock.intercom.media.audio;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Builds the microphone and speaker named on the command line of {@code ./intercom device}:
 * {@code --microphone sound|tone:HZ|file:PATH.wav} and {@code --speaker sound|file:PATH.wav|none}.
 * Errors are {@link IllegalArgumentException}s whose message can be shown to the user as is.
 */
public final class AudioDevices {
    private AudioDevices() {
    }

    public static Microphone microphone(String spec) {
        String s = spec == null ? "" : spec.trim();
        if (s.equals("sound")) {
            return new SoundCardMicrophone();
        }
        if (s.startsWith("tone:")) {
            double hz;
            try {
                hz = Double.parseDouble(s.substring(5));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--microphone tone:HZ needs a number of hertz, got '" + s + "'");
            }
            return new ToneMicrophone(hz);
        }
        if (s.startsWith("file:") && isWav(s)) {
            return new WavFileMicrophone(Path.of(s.substring(5)));
        }
        throw new IllegalArgumentException("--microphone must be sound, tone:HZ or file:PATH.wav, got '" + s + "'");
    }

    public static Speaker speaker(String spec) {
        String s = spec == null ? "" : spec.trim();
        if (s.equals("sound")) {
            return new SoundCardSpeaker();
        }
        if (s.equals("none")) {
            return new NoSpeaker();
        }
        if (s.startsWith("file:") && isWav(s)) {
            return new WavFileSpeaker(Path.of(s.substring(5)));
        }
        throw new IllegalArgumentException("--speaker must be sound, file:PATH.wav or none, got '" + s + "'");
    }

    private static boolean isWav(String s) {
        return s.length() > "file:.wav".length() && s.toLowerCase(Locale.ROOT).endsWith(".wav");
    }
}
