package rock.intercom.app.ops;

/**
 * A listening-quality MOS estimate from what RTP reception measures, after the simplified E-model
 * (ITU-T G.107 with G.113's Ie = 0 and Bpl = 25.1 for G.711 with loss concealment): the R factor
 * from effective one-way delay and packet loss, mapped to MOS by G.107 Annex B. Pure; no delay
 * measurement exists without round-trip RTCP, so one-way delay counts only jitter buffering.
 */
public final class MosEstimate {

    /** G.107 default R with no impairment. */
    static final double R0 = 93.2;
    /** Packet-loss robustness of G.711 with PLC (G.113 Appendix I). */
    static final double BPL = 25.1;

    private MosEstimate() {
    }

    /**
     * @param lossRatio lost / expected packets, 0..1
     * @param jitterMillis the interarrival jitter (RFC 3550 §6.4.1)
     * @return MOS between 1.0 and 4.5
     */
    public static double of(double lossRatio, double jitterMillis) {
        double loss = Math.max(0, Math.min(1, lossRatio)) * 100;
        // The jitter buffer holds about two jitters; 10 ms for packetisation and codec.
        double delay = 2 * Math.max(0, jitterMillis) + 10;
        double idd = delay < 177.3 ? 0.024 * delay : 0.024 * delay + 0.11 * (delay - 177.3);
        double ieEff = (95 - 0) * loss / (loss + BPL);
        double r = R0 - idd - ieEff;
        if (r <= 0) {
            return 1.0;
        }
        if (r >= 100) {
            return 4.5;
        }
        return 1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r);
    }
}
