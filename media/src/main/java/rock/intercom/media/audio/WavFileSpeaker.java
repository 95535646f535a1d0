package rock.intercom.media.audio;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * A speaker that records what the visitor would hear into a 16-bit mono WAV file
 * ({@code --speaker file:PATH.wav}). The RIFF sizes are rewritten after every frame, so the file
 * is valid even if the device is killed mid-call.
 */
public final class WavFileSpeaker implements Speaker {
    private static final int HEADER = 44;
    private final Path path;
    private RandomAccessFile file;
    private long dataBytes;
    private final ByteBuffer frameBytes = ByteBuffer.allocate(2 * 960).order(ByteOrder.LITTLE_ENDIAN);

    public WavFileSpeaker(Path path) {
        this.path = path;
    }

    @Override
    public synchronized void open(int sampleRate) throws AudioDeviceException {
        try {
            file = new RandomAccessFile(path.toFile(), "rw");
            file.setLength(0);
            ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            h.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2)
                .putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(0);
            file.write(h.array());
        } catch (IOException e) {
            throw new AudioDeviceException("cannot write speaker WAV file " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void write(short[] frame) {
        if (file == null) {
            return;
        }
        frameBytes.clear();
        for (short s : frame) {
            frameBytes.putShort(s);
        }
        try {
            file.seek(HEADER + dataBytes);
            file.write(frameBytes.array(), 0, frame.length * 2);
            dataBytes += frame.length * 2L;
            writeSizes();
        } catch (IOException e) {
            // A full disk must not stop the call; the recording just ends here.
            closeQuietly();
        }
    }

    private void writeSizes() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        file.seek(4);
        file.write(b.putInt(0, (int) (36 + dataBytes)).array());
        file.seek(40);
        file.write(b.putInt(0, (int) dataBytes).array());
    }

    @Override
    public String describe() {
        return "file:" + path;
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                // Already closed or disk gone; nothing more to save.
            }
            file = null;
        }
    }
}
