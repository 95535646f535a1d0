package rock.intercom.media.rtp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import rock.intercom.media.ParseResult;

/**
 * RTCP sender and receiver reports (RFC 3550 §6.4) with at most one report block, sent as a
 * compound packet with an SDES CNAME (§6.1 requires one in every compound packet).
 *
 * @param ssrc        the reporter
 * @param sender      whether this is an SR (it carries sender info) or an RR
 * @param ntpTime     SR: 64-bit NTP timestamp
 * @param rtpTime     SR: RTP timestamp matching {@code ntpTime}
 * @param packetCount SR: packets sent
 * @param octetCount  SR: payload octets sent
 * @param blocks      report blocks about the sources the reporter receives
 */
public record RtcpReport(int ssrc, boolean sender, long ntpTime, long rtpTime, long packetCount, long octetCount,
                         List<ReportBlock> blocks) {
    private static final int SR = 200;
    private static final int RR = 201;
    private static final int SDES = 202;

    public RtcpReport {
        blocks = List.copyOf(blocks);
        if (blocks.size() > 31) {
            throw new IllegalArgumentException("at most 31 report blocks");
        }
    }

    /**
     * One reception report block (RFC 3550 §6.4.1).
     *
     * @param fractionLost 8-bit fixed point fraction lost since the previous report
     * @param cumulativeLost 24-bit signed cumulative loss
     * @param jitter interarrival jitter in timestamp units
     */
    public record ReportBlock(int ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequence,
                              long jitter, long lastSr, long delaySinceLastSr) {
    }

    /** Serializes this report followed by an SDES chunk with {@code cname}. */
    public byte[] toBytes(String cname) {
        byte[] cnameBytes = cname.getBytes(StandardCharsets.UTF_8);
        int cnameLength = Math.min(255, cnameBytes.length);
        int reportLength = 8 + (sender ? 20 : 0) + 24 * blocks.size();
        int sdesItems = 2 + cnameLength + 1; // CNAME item + end-of-list
        int sdesLength = 4 + 4 + ((sdesItems + 3) / 4) * 4;
        ByteBuffer b = ByteBuffer.allocate(reportLength + sdesLength);
        b.put((byte) (0x80 | blocks.size())).put((byte) (sender ? SR : RR)).putShort((short) (reportLength / 4 - 1));
        b.putInt(ssrc);
        if (sender) {
            b.putLong(ntpTime).putInt((int) rtpTime).putInt((int) packetCount).putInt((int) octetCount);
        }
        for (ReportBlock r : blocks) {
            b.putInt(r.ssrc()).putInt((r.fractionLost() << 24) | (r.cumulativeLost() & 0xFFFFFF))
                .putInt((int) r.extendedHighestSequence()).putInt((int) r.jitter()).putInt((int) r.lastSr())
                .putInt((int) r.delaySinceLastSr());
        }
        b.put((byte) 0x81).put((byte) SDES).putShort((short) (sdesLength / 4 - 1));
        b.putInt(ssrc).put((byte) 1).put((byte) cnameLength).put(cnameBytes, 0, cnameLength);
        while (b.position() < b.limit()) {
            b.put((byte) 0); // end of list plus padding to a 32-bit boundary
        }
        return b.array();
    }

    /**
     * Reads the SR or RR at the start of a compound packet (RFC 3550 §6.1), checking every
     * length. Other packet types (SDES, BYE, APP) in the compound are skipped.
     */
    public static ParseResult<RtcpReport> parse(byte[] data, int offset, int length) {
        if (offset < 0 || length < 8 || offset + length > data.length) {
            return ParseResult.malformed("RTCP packet shorter than 8 bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(data, offset, length);
        int end = offset + length;
        while (b.position() + 4 <= end) {
            int start = b.position();
            int b0 = b.get() & 0xFF;
            int type = b.get() & 0xFF;
            int words = b.getShort() & 0xFFFF;
            int packetEnd = start + 4 * (words + 1);
            if (b0 >> 6 != 2) {
                return ParseResult.malformed("RTCP version is not 2");
            }
            if (packetEnd > end) {
                return ParseResult.malformed("RTCP length runs past the end");
            }
            if (type == SR || type == RR) {
                int count = b0 & 0x1F;
                boolean isSender = type == SR;
                int needed = 8 + (isSender ? 20 : 0) + 24 * count;
                if (4 * (words + 1) < needed) {
                    return ParseResult.malformed("RTCP report shorter than its block count");
                }
                int ssrc = b.getInt();
                long ntp = 0;
                long rtp = 0;
                long packets = 0;
                long octets = 0;
                if (isSender) {
                    ntp = b.getLong();
                    rtp = b.getInt() & 0xFFFF_FFFFL;
                    packets = b.getInt() & 0xFFFF_FFFFL;
                    octets = b.getInt() & 0xFFFF_FFFFL;
                }
                List<ReportBlock> blocks = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    int source = b.getInt();
                    int lossWord = b.getInt();
                    int cumulative = (lossWord << 8) >> 8; // sign-extend 24 bits
                    blocks.add(new ReportBlock(source, (lossWord >>> 24) & 0xFF, cumulative,
                        b.getInt() & 0xFFFF_FFFFL, b.getInt() & 0xFFFF_FFFFL, b.getInt() & 0xFFFF_FFFFL,
                        b.getInt() & 0xFFFF_FFFFL));
                }
                return ParseResult.parsed(new RtcpReport(ssrc, isSender, ntp, rtp, packets, octets, blocks));
            }
            b.position(packetEnd);
        }
        return ParseResult.malformed("no sender or receiver report in the RTCP packet");
    }

    /** The middle 32 bits of an NTP timestamp, as echoed in LSR (RFC 3550 §6.4.1). */
    public static long middle32(long ntpTime) {
        return (ntpTime >>> 16) & 0xFFFF_FFFFL;
    }

    /** Converts wall-clock milliseconds since 1970 to a 64-bit NTP timestamp (since 1900). */
    public static long ntpTime(long epochMillis) {
        long seconds = epochMillis / 1000 + 2_208_988_800L;
        long fraction = ((epochMillis % 1000) << 32) / 1000;
        return (seconds << 32) | fraction;
    }
}
