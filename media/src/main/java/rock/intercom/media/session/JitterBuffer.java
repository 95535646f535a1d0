package rock.intercom.media.session;

import java.util.TreeMap;
import rock.intercom.media.rtp.RtpPacket;
import rock.intercom.media.rtp.SequenceNumbers;

/**
 * A small adaptive jitter buffer for 20 ms audio frames. Packets are ordered by extended
 * sequence number; playout starts once {@link #targetDepth()} frames are buffered. The target
 * follows the RFC 3550 §A.8 interarrival jitter: {@code ceil((2·jitter + 20 ms) / 20 ms)}, between
 * 1 and {@link #MAX_DEPTH} frames, so a clean LAN plays with 20–40 ms of delay. When the buffer
 * holds more than target + 2 frames (the peer's clock runs fast, or a burst arrived), the oldest
 * frame is dropped. Bounded by {@link #CAPACITY}. Thread-safe (receive thread adds, playout
 * thread polls).
 */
public final class JitterBuffer {
    /** Largest playout target, 200 ms. */
    public static final int MAX_DEPTH = 10;
    /** Hard bound on queued packets. */
    public static final int CAPACITY = 50;

    private final TreeMap<Integer, RtpPacket> packets = new TreeMap<>((a, b) -> SequenceNumbers.sequenceDelta(b, a));
    private int nextSeq = -1;
    private boolean playing;
    private int target = 1;
    private long late;

    /** Adds a received packet; late (already played) and duplicate packets are dropped. */
    public synchronized void add(RtpPacket p) {
        if (nextSeq >= 0 && playing && SequenceNumbers.sequenceDelta(nextSeq, p.sequenceNumber()) < 0) {
            late++;
            return;
        }
        if (packets.size() >= CAPACITY) {
            packets.pollFirstEntry();
        }
        packets.put(p.sequenceNumber(), p);
    }

    /** Updates the target from the current jitter estimate (milliseconds). */
    public synchronized void adapt(double jitterMs) {
        int frames = (int) Math.ceil((2 * jitterMs + 20) / 20);
        target = Math.max(1, Math.min(MAX_DEPTH, frames));
    }

    /**
     * The packet to play in this 20 ms slot: the next in sequence, or {@code null} for a gap
     * (conceal it) or while (re)buffering.
     */
    public synchronized Poll poll() {
        if (!playing) {
            if (packets.size() < target) {
                return Poll.BUFFERING;
            }
            playing = true;
            nextSeq = packets.firstKey();
        }
        while (packets.size() > target + 2) {
            Integer first = packets.firstKey();
            packets.remove(first);
            nextSeq = SequenceNumbers.next(first);
        }
        if (packets.isEmpty()) {
            // Underrun: a long gap or the stream stopped; rebuffer before playing again.
            playing = false;
            nextSeq = SequenceNumbers.next(nextSeq);
            return Poll.LOST;
        }
        int firstSeq = packets.firstKey();
        int expected = nextSeq;
        if (SequenceNumbers.sequenceDelta(expected, firstSeq) < 0) {
            // A packet older than the playout point slipped in: discard and use the expected one.
            packets.remove(firstSeq);
            return poll();
        }
        nextSeq = SequenceNumbers.next(expected);
        RtpPacket p = packets.remove(expected);
        return p == null ? Poll.LOST : new Poll(p);
    }

    public synchronized int targetDepth() {
        return target;
    }

    public synchronized int size() {
        return packets.size();
    }

    public synchronized long latePackets() {
        return late;
    }

    /** What {@link #poll()} gives the playout thread. */
    public record Poll(RtpPacket packet, boolean buffering) {
        static final Poll BUFFERING = new Poll(null, true);
        static final Poll LOST = new Poll(null, false);

        Poll(RtpPacket packet) {
            this(packet, false);
        }

        public boolean lost() {
            return packet == null && !buffering;
        }
    }
}
