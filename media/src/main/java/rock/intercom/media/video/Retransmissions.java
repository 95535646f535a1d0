package rock.intercom.media.video;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Answers the peer's Generic NACKs (RFC 4585 §6.2.1) by sending the asked packets again, exactly as
 * they first went out (SRTP-protected already, so the replay window of a receiver that never got
 * them accepts them; RFC 4588's separate retransmission stream is not negotiated). What a NACK
 * can cost is bounded three ways: the history keeps the last {@link #HISTORY} packets (a ring
 * indexed by sequence number, no search), a NACK is read for at most {@link #MAX_PER_NACK}
 * sequence numbers, and resends draw on a budget of {@link #BURST} packets refilled at
 * {@link #PER_SECOND} a second, so a flood of NACKs (bogus or not) sends no more than that.
 * Thread-safe: the sending thread remembers, the RTCP loop asks.
 */
public final class Retransmissions {

    /** About 3 s of 640×480@15 video (~5 packets a frame); a packet older than that is no use to a live picture. */
    static final int HISTORY = 256;
    /** Sequence numbers read from one NACK datagram. */
    static final int MAX_PER_NACK = 64;
    /** Resends at most in one go, and per second after that. */
    static final int BURST = 100;
    static final int PER_SECOND = 100;

    private final byte[][] packets = new byte[HISTORY][];
    private final int[] sequences = new int[HISTORY];
    private final LongSupplier nanoTime;
    private double budget = BURST;
    private long refilledAt;
    private long resent;
    private long refused;

    public Retransmissions(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.refilledAt = nanoTime.getAsLong();
    }

    /** Keeps a packet as it went on the wire, under its RTP sequence number. */
    public synchronized void sent(int sequence, byte[] wire) {
        int slot = sequence & (HISTORY - 1);
        packets[slot] = wire;
        sequences[slot] = sequence & 0xFFFF;
    }

    /**
     * The packets to send again for {@code asked} sequence numbers: those still in the history, as
     * far as the budget goes. Asked packets that are gone or over budget are only counted.
     */
    public synchronized List<byte[]> asked(Collection<Integer> asked) {
        refill();
        List<byte[]> again = new ArrayList<>();
        for (int sequence : asked) {
            int slot = sequence & (HISTORY - 1);
            byte[] packet = packets[slot];
            if (packet == null || sequences[slot] != (sequence & 0xFFFF) || budget < 1) {
                refused++;
                continue;
            }
            budget -= 1;
            resent++;
            again.add(packet);
        }
        return again;
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        budget = Math.min(BURST, budget + (now - refilledAt) * (PER_SECOND / 1e9));
        refilledAt = now;
    }

    /** Packets sent again so far. */
    public synchronized long resent() {
        return resent;
    }

    /** Asked-for packets not sent again (gone from the history, or over budget). */
    public synchronized long refused() {
        return refused;
    }
}
