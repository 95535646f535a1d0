package rock.intercom.media.audio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** Reading WAV files into mono PCM at a chosen rate (Java Sound parses; no sound card needed). */
public final class WavFile {
    /** Ten minutes at 48 kHz: a bound on what a microphone file may hold in memory. */
    public static final int MAX_SAMPLES = 48_000 * 600;

    private WavFile() {
    }

    /** Reads {@code path} as 16-bit mono at {@code sampleRate}, converting and resampling. */
    public static short[] readMono(Path path, int sampleRate) throws IOException, UnsupportedAudioFileException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path));
             AudioInputStream in = AudioSystem.getAudioInputStream(raw)) {
            AudioFormat src = in.getFormat();
            AudioFormat pcm = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, src.getSampleRate(), 16,
                src.getChannels(), 2 * src.getChannels(), src.getSampleRate(), false);
            try (AudioInputStream converted = AudioSystem.getAudioInputStream(pcm, in)) {
                byte[] bytes = converted.readNBytes(MAX_SAMPLES * 2 * src.getChannels());
                ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
                int channels = src.getChannels();
                short[] mono = new short[bytes.length / (2 * channels)];
                for (int i = 0; i < mono.length; i++) {
                    int sum = 0;
                    for (int c = 0; c < channels; c++) {
                        sum += b.getShort();
                    }
                    mono[i] = (short) (sum / channels);
                }
                return resample(mono, Math.round(src.getSampleRate()), sampleRate);
            }
        }
    }

    /** Linear-interpolation resampling; good enough for prompts, tones and the rare mixed-rate peer. */
    public static short[] resample(short[] in, int fromRate, int toRate) {
        if (fromRate == toRate || in.length == 0) {
            return in;
        }
        int outLength = (int) ((long) in.length * toRate / fromRate);
        short[] out = new short[outLength];
        double ratio = (double) fromRate / toRate;
        for (int i = 0; i < outLength; i++) {
            double pos = i * ratio;
            int i0 = (int) pos;
            int i1 = Math.min(i0 + 1, in.length - 1);
            double frac = pos - i0;
            out[i] = (short) Math.round(in[i0] * (1 - frac) + in[i1] * frac);
        }
        return out;
    }
}
