package rock.intercom.media.session;

import rock.intercom.media.rtp.ExtendedSequence;
import rock.intercom.media.rtp.RtpPacket;

/**
 * Per-call receive statistics of RFC 3550 §6.4.1 / Appendix A: extended highest sequence,
 * cumulative loss, fraction lost since the last report, and interarrival jitter (A.8) in
 * timestamp units. Thread-safe.
 */
public final class ReceptionStatistics {
    private final ExtendedSequence sequence = new ExtendedSequence();
    private final int clockRate;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private double jitter;
    private long lastTransit;
    private boolean haveTransit;
    private int ssrc;

    public ReceptionStatistics(int clockRate) {
        this.clockRate = clockRate;
    }

    /** Records a packet that arrived at {@code arrivalNanos} (monotonic). */
    public synchronized void onPacket(RtpPacket p, long arrivalNanos) {
        if (p.ssrc() != ssrc && received > 0) {
            // New source (RFC 3550 §8.2 collision or a restarted peer): start over.
            resetFor(p.ssrc());
        }
        ssrc = p.ssrc();
        if (sequence.update(p.sequenceNumber()) < 0) {
            resetFor(p.ssrc());
            sequence.update(p.sequenceNumber());
        }
        received++;
        long arrival = arrivalNanos * clockRate / 1_000_000_000L;
        long transit = arrival - p.timestamp();
        if (haveTransit) {
            long d = Math.abs(transit - lastTransit);
            jitter += (d - jitter) / 16.0;
        }
        lastTransit = transit;
        haveTransit = true;
    }

    private void resetFor(int newSsrc) {
        ssrc = newSsrc;
        received = 0;
        expectedPrior = 0;
        receivedPrior = 0;
        haveTransit = false;
    }

    public synchronized long packetsReceived() {
        return received;
    }

    /** Cumulative packets lost (RFC 3550 §A.3); duplicates can make it negative, clamped at 0. */
    public synchronized long cumulativeLost() {
        return Math.max(0, sequence.expected() - received);
    }

    public synchronized long extendedHighestSequence() {
        return sequence.highest();
    }

    /** Interarrival jitter in timestamp units. */
    public synchronized long jitter() {
        return (long) jitter;
    }

    public synchronized double jitterMillis() {
        return jitter * 1000.0 / clockRate;
    }

    public synchronized int ssrc() {
        return ssrc;
    }

    /** Fraction lost since the previous call, as the 8-bit fixed point of RFC 3550 §A.3. */
    public synchronized int takeFractionLost() {
        long expected = sequence.expected();
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        if (expectedInterval == 0 || lostInterval <= 0) {
            return 0;
        }
        return (int) Math.min(255, (lostInterval << 8) / expectedInterval);
    }
}
