package rock.intercom.media.video;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer's video decoder, and when it needs a key frame. While packets arrive but nothing
 * decodes yet (we joined mid-stream, or a packet was lost) it asks for one at most once a second
 * (RFC 4585 §3.5: a receiver that cannot decode asks instead of waiting for the next key frame).
 * When it stalls — key frames arrive and no picture comes out ({@link DecoderWatch}) — it is
 * replaced by a fresh one that asks too: a stalled GStreamer decoder does not recover by itself,
 * and the guard would watch a frozen picture for the rest of the call. Counts pictures across the
 * decoders it replaced, so a call's count never goes back. {@link #push} from the session's RTP
 * receive loop only (the one thread that replaces); the rest from anywhere.
 */
final class PeerDecoder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeerDecoder.class);
    /** How often a PLI may go out while the peer's video does not decode. */
    private static final long PLI_INTERVAL_NANOS = 1_000_000_000L;
    /** How long the first picture may take (jitter buffer, decoder start-up) before we ask for a key frame. */
    private static final long FIRST_PICTURE_NANOS = 700_000_000L;

    private final int payloadType;
    private final DecoderWatch watch = new DecoderWatch();
    private final AtomicLong decodedByEarlier = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();
    private volatile H264Receiver current;
    private volatile boolean restartAsked;
    /** Receive loop only. */
    private long firstPacketNanos = -1;
    private long lastAskedNanos;

    PeerDecoder(int payloadType) {
        this.payloadType = payloadType;
        this.current = new H264Receiver(payloadType);
    }

    void start() {
        current.start();
    }

    /**
     * One RTP packet of the peer's stream; true when the session should ask the peer for a key
     * frame (PLI) now: the decoder was just replaced, or it has shown nothing yet.
     *
     * @param lastKeyFrameInNanos when the peer's last key frame began to arrive, or -1
     */
    boolean push(byte[] packet, int length, long lastKeyFrameInNanos) {
        current.push(packet, 0, length);
        long now = System.nanoTime();
        if (firstPacketNanos == -1) {
            firstPacketNanos = now;
        }
        boolean ask = false;
        if ((watch.stalled(now, current.framesDecoded(), lastKeyFrameInNanos) || restartAsked)) {
            restartAsked = false;
            ask = restart();
        } else if (current.framesDecoded() == 0 && now - firstPacketNanos > FIRST_PICTURE_NANOS
                && now - lastAskedNanos > PLI_INTERVAL_NANOS) {
            ask = true;
        }
        if (ask) {
            lastAskedNanos = now;
        }
        return ask;
    }

    /** For tests: the next packet replaces the decoder, as a stall does. */
    void askRestart() {
        restartAsked = true;
    }

    /** Pictures decoded in this call, by every decoder it had. */
    long framesDecoded() {
        return decodedByEarlier.get() + current.framesDecoded();
    }

    String pictureSize() {
        return current.pictureSize();
    }

    byte[] lastPicture() {
        return current.lastPicture();
    }

    String error() {
        return current.error();
    }

    long restarts() {
        return restarts.get();
    }

    private boolean restart() {
        H264Receiver stuck = current;
        H264Receiver fresh;
        try {
            fresh = new H264Receiver(payloadType);
            fresh.start();
        } catch (RuntimeException e) {
            LOG.warn("video: the decoder shows no pictures and a new one could not be made: {}", e.toString());
            return false;
        }
        current = fresh;
        decodedByEarlier.addAndGet(stuck.framesDecoded());
        stuck.close();
        LOG.warn("video: no picture decoded {} ms after the peer's key frame; decoder restarted ({} so far)",
                DecoderWatch.STALL_NANOS / 1_000_000, restarts.incrementAndGet());
        return true;
    }

    @Override
    public void close() {
        current.close();
    }
}
