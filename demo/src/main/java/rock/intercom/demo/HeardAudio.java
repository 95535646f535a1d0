package rock.intercom.demo;

/**
 * What the guard desk hears: the last {@value #SECONDS} s of audio that arrived from any of its
 * calls, decoded to 8 kHz PCM, with a packet count. The demo desk has one pair of ears, so one
 * buffer serves every call; the bound keeps a call of any length at 32 kB. Thread-safe: the
 * calls' RTP listeners write, the demo page and tests read.
 */
public final class HeardAudio {
    public static final int SAMPLE_RATE = 8000;
    static final int SECONDS = 2;

    private final short[] ring = new short[SAMPLE_RATE * SECONDS];
    private int next;
    private long samples;
    private long packets;
    private long lastPacketNanos;

    synchronized void add(short[] pcm) {
        for (short s : pcm) {
            ring[next] = s;
            next = (next + 1) % ring.length;
        }
        samples += pcm.length;
        packets++;
        lastPacketNanos = System.nanoTime();
    }

    /** The newest {@code count} samples (fewer when less was heard), oldest first. */
    public synchronized short[] last(int count) {
        int n = (int) Math.min(Math.min(count, ring.length), samples);
        short[] out = new short[n];
        int start = Math.floorMod(next - n, ring.length);
        for (int i = 0; i < n; i++) {
            out[i] = ring[(start + i) % ring.length];
        }
        return out;
    }

    /** RTP packets heard since the PBX started. */
    public synchronized long packets() {
        return packets;
    }

    /** Whether audio arrived within {@code millis}. */
    public synchronized boolean hearingWithin(long millis) {
        return packets > 0 && System.nanoTime() - lastPacketNanos < millis * 1_000_000L;
    }

    /** The RMS level of the last second in dBFS; very low (not minus infinity) for silence. */
    public double levelDbfs() {
        short[] pcm = last(SAMPLE_RATE);
        double sum = 0;
        for (short s : pcm) {
            sum += (double) s * s;
        }
        double rms = pcm.length == 0 ? 0 : Math.sqrt(sum / pcm.length);
        return 20 * Math.log10(Math.max(rms, 1e-9) / 32767.0);
    }
}
