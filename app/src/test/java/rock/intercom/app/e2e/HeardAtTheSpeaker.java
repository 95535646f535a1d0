package rock.intercom.app.e2e;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import rock.intercom.testkit.Goertzel;
import rock.intercom.media.audio.Speaker;

/**
 * Speakers for a door under test that keep everything each one played, in the order they were
 * opened: a tone player's speaker and a call's are separate recordings, so a test sees which
 * sounded, in what order, and whether the call's audio went on without being reopened.
 */
final class HeardAtTheSpeaker {

    private final List<Recording> recordings = new CopyOnWriteArrayList<>();

    /** A fresh speaker, as the device asks for one per tone and per call. */
    Speaker newSpeaker() {
        return new Recording();
    }

    /** The speakers opened so far. */
    List<Recording> opened() {
        return List.copyOf(recordings);
    }

    /** What one speaker played, from its open to its close. */
    final class Recording implements Speaker {
        private short[] pcm = new short[8000];
        private int length;
        private int sampleRate;
        private volatile boolean closed;

        @Override
        public void open(int rate) {
            sampleRate = rate;
            recordings.add(this);
        }

        @Override
        public synchronized void write(short[] frame) {
            if (length + frame.length > pcm.length) {
                pcm = Arrays.copyOf(pcm, 2 * (length + frame.length));
            }
            System.arraycopy(frame, 0, pcm, length, frame.length);
            length += frame.length;
        }

        @Override
        public String describe() {
            return "test speaker";
        }

        @Override
        public void close() {
            closed = true;
        }

        boolean closed() {
            return closed;
        }

        int sampleRate() {
            return sampleRate;
        }

        synchronized double seconds() {
            return (double) length / sampleRate;
        }

        /** The level of {@code hz} between the two times, in dBFS (Goertzel over the window). */
        synchronized double dbfs(double hz, double fromSeconds, double toSeconds) {
            int from = (int) (fromSeconds * sampleRate);
            int to = Math.min(length, (int) (toSeconds * sampleRate));
            return Goertzel.dbfs(Goertzel.amplitude(pcm, from, to, hz, sampleRate));
        }

        /** The share of 50 ms blocks between the two times where {@code hz} is louder than {@code dbfs}. */
        synchronized double shareAbove(double hz, double dbfs, double fromSeconds, double toSeconds) {
            int block = sampleRate / 20;
            int from = (int) (fromSeconds * sampleRate);
            int to = Math.min(length, (int) (toSeconds * sampleRate));
            int blocks = 0;
            int loud = 0;
            for (int start = from; start + block <= to; start += block, blocks++) {
                if (Goertzel.dbfs(Goertzel.amplitude(pcm, start, start + block, hz, sampleRate)) > dbfs) {
                    loud++;
                }
            }
            return blocks == 0 ? 0 : (double) loud / blocks;
        }
    }
}
