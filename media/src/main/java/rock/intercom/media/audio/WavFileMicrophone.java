package rock.intercom.media.audio;

import java.io.IOException;
import java.nio.file.Path;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * A microphone that plays a WAV file in a loop ({@code --microphone file:PATH.wav}). The file is
 * read fully at open (bounded by {@link WavFile#MAX_SAMPLES}), mixed down to mono and resampled
 * to the codec rate by linear interpolation.
 */
public final class WavFileMicrophone implements Microphone {
    private final Path path;
    private short[] samples;
    private int position;

    public WavFileMicrophone(Path path) {
        this.path = path;
    }

    @Override
    public void open(int sampleRate) throws AudioDeviceException {
        try {
            samples = WavFile.readMono(path, sampleRate);
        } catch (IOException | UnsupportedAudioFileException e) {
            throw new AudioDeviceException("cannot read microphone WAV file " + path + ": " + e.getMessage(), e);
        }
        if (samples.length == 0) {
            throw new AudioDeviceException("microphone WAV file " + path + " has no samples");
        }
    }

    @Override
    public void read(short[] frame) {
        for (int i = 0; i < frame.length; i++) {
            frame[i] = samples[position];
            position = (position + 1) % samples.length;
        }
    }

    @Override
    public String describe() {
        return "file:" + path;
    }

    @Override
    public void close() {
        samples = null;
    }
}
