package rock.intercom.app.audio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import rock.intercom.media.audio.WavFile;
import rock.intercom.media.session.RtpPortRange;

/**
 * The audio options of {@code ./intercom device} (a picocli mixin):
 * <ul>
 *   <li>{@code --microphone sound|tone:HZ|file:PATH.wav} — the sound card, a sine tone (1–3999 Hz,
 *   below the 4 kHz Nyquist limit of G.711) or a WAV file played in a loop. Default: {@code sound}
 *   when Java Sound finds a capture line, else {@value #FALLBACK_MICROPHONE}.</li>
 *   <li>{@code --speaker sound|file:PATH.wav|none} — the sound card, a WAV file that records what
 *   the visitor would hear (rewritten by each call), or nothing. Default: {@code sound} when a
 *   playback line exists, else {@code none}.</li>
 *   <li>{@code --rtp-ports LOW-HIGH} — the UDP range calls take an even RTP port and the next odd
 *   RTCP port from. Default {@value #DEFAULT_RTP_PORTS} (50 calls' worth).</li>
 * </ul>
 * A machine without a sound card still runs calls: when {@code sound} was asked for and is
 * absent, the microphone falls back to {@value #FALLBACK_MICROPHONE} and the speaker to
 * {@code none}, and {@link AudioSetup#notices()} says so in one line each. Malformed values are
 * refused at parse time with a one-line error.
 */
public final class AudioOptions {
    public static final String DEFAULT_RTP_PORTS = "16384-16483";
    public static final String FALLBACK_MICROPHONE = "tone:440";
    /** The highest tone G.711 (8 kHz sampling) can carry. */
    static final double MAX_TONE_HZ = 3999;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private String microphone;
    private String speaker;
    private RtpPortRange rtpPorts = RtpPortRange.parse(DEFAULT_RTP_PORTS);

    @Option(names = "--microphone", paramLabel = "sound|tone:HZ|file:PATH.wav",
            description = "Microphone: the sound card, a sine tone or a looping WAV file "
                    + "(default: sound if the machine has one, else " + FALLBACK_MICROPHONE + ").")
    void microphone(String value) {
        microphone = checkMicrophone(value);
    }

    @Option(names = "--speaker", paramLabel = "sound|file:PATH.wav|none",
            description = "Speaker: the sound card, a WAV file recording what the visitor hears, or none "
                    + "(default: sound if the machine has one, else none).")
    void speaker(String value) {
        speaker = checkSpeaker(value);
    }

    @Option(names = "--rtp-ports", paramLabel = "LOW-HIGH",
            description = "UDP ports for call audio, an RTP/RTCP pair per call (default: " + DEFAULT_RTP_PORTS + ").")
    void rtpPorts(String value) {
        try {
            RtpPortRange range = RtpPortRange.parse(value);
            if (((range.low() + 1) & ~1) + 1 > range.high()) {
                throw new IllegalArgumentException("--rtp-ports " + value
                        + " holds no even RTP port with its odd RTCP port; widen the range");
            }
            rtpPorts = range;
        } catch (IllegalArgumentException e) {
            throw refused(e.getMessage());
        }
    }

    /** What the call audio needs, with fallbacks for a missing sound card (see the class comment). */
    public AudioSetup setup() {
        return setup(SoundCards.javaSound());
    }

    public AudioSetup setup(SoundCards cards) {
        List<String> notices = new ArrayList<>();
        String mic = microphone;
        if (mic == null) {
            mic = cards.canCapture() ? "sound" : FALLBACK_MICROPHONE;
            if (!cards.canCapture()) {
                notices.add("No sound card microphone found: the door sends " + FALLBACK_MICROPHONE
                        + " (choose with --microphone tone:HZ|file:PATH.wav).");
            }
        } else if (mic.equals("sound") && !cards.canCapture()) {
            mic = FALLBACK_MICROPHONE;
            notices.add("--microphone sound: this machine has no sound card microphone; calls send "
                    + FALLBACK_MICROPHONE + " instead.");
        }
        String spk = speaker;
        if (spk == null) {
            spk = cards.canPlay() ? "sound" : "none";
            if (!cards.canPlay()) {
                notices.add("No sound card speaker found: received audio is not played "
                        + "(choose with --speaker file:PATH.wav).");
            }
        } else if (spk.equals("sound") && !cards.canPlay()) {
            spk = "none";
            notices.add("--speaker sound: this machine has no sound card speaker; received audio is dropped.");
        }
        return AudioSetup.of(mic, spk, rtpPorts, notices);
    }

    private String checkMicrophone(String value) {
        String v = value == null ? "" : value.trim();
        if (v.equals("sound")) {
            return v;
        }
        if (v.startsWith("tone:")) {
            double hz;
            try {
                hz = Double.parseDouble(v.substring("tone:".length()));
            } catch (NumberFormatException e) {
                throw refused("--microphone tone:HZ needs a number of hertz, e.g. tone:1000; got '" + v + "'");
            }
            if (!(hz >= 1 && hz <= MAX_TONE_HZ)) {
                throw refused("--microphone tone:HZ must be between 1 and " + (int) MAX_TONE_HZ
                        + " Hz (calls sample at 8 kHz); got '" + v + "'");
            }
            return v;
        }
        if (v.startsWith("file:")) {
            Path path = wavPath("--microphone", v);
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw refused("--microphone " + v + ": no readable file " + path);
            }
            try {
                if (WavFile.readMono(path, 8000).length == 0) {
                    throw refused("--microphone " + v + ": the WAV file holds no samples");
                }
            } catch (java.io.IOException | javax.sound.sampled.UnsupportedAudioFileException e) {
                throw refused("--microphone " + v + ": not a readable WAV file (" + e.getMessage() + ")");
            }
            return v;
        }
        throw refused("--microphone must be sound, tone:HZ or file:PATH.wav; got '" + v + "'");
    }

    private String checkSpeaker(String value) {
        String v = value == null ? "" : value.trim();
        if (v.equals("sound") || v.equals("none")) {
            return v;
        }
        if (v.startsWith("file:")) {
            Path path = wavPath("--speaker", v).toAbsolutePath();
            Path dir = path.getParent();
            if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
                throw refused("--speaker " + v + ": directory " + dir + " does not exist or is not writable");
            }
            if (Files.isDirectory(path)) {
                throw refused("--speaker " + v + ": " + path + " is a directory");
            }
            return v;
        }
        throw refused("--speaker must be sound, file:PATH.wav or none; got '" + v + "'");
    }

    private Path wavPath(String option, String v) {
        String name = v.substring("file:".length());
        if (name.isBlank() || !name.toLowerCase(Locale.ROOT).endsWith(".wav")) {
            throw refused(option + " file:PATH must name a .wav file; got '" + v + "'");
        }
        try {
            return Path.of(name);
        } catch (java.nio.file.InvalidPathException e) {
            throw refused(option + " " + v + ": not a valid path");
        }
    }

    private ParameterException refused(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
