package rock.intercom.media.video;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The RTCP feedback a video call uses: Picture Loss Indication (RFC 4585 §6.3.1, PT=206 FMT=1) and
 * Full Intra Request (RFC 5104 §4.3.1, PT=206 FMT=4), which ask the sender of a stream for a key
 * frame, and Generic NACK (RFC 4585 §6.2.1, PT=205 FMT=1), which asks for lost packets again.
 * {@link #keyFrameRequests} and {@link #nackedSequences} read them out of a compound packet,
 * checking every length; malformed input gives nothing, never an exception.
 */
public final class RtcpFeedback {
    static final int RTPFB = 205;
    static final int PSFB = 206;
    static final int RR = 201;
    static final int PLI = 1;
    static final int FIR = 4;
    static final int GENERIC_NACK = 1;
    /** One NACK FCI names its PID and up to 16 more packets (the BLP bits). */
    static final int PACKETS_PER_FCI = 17;

    /** A key-frame request found in a compound packet. */
    public enum Request { PLI, FIR }

    private RtcpFeedback() {
    }

    /**
     * An RR without report blocks (RFC 4585 §3.1: feedback travels in a compound packet that starts
     * with a report) followed by a PLI for {@code mediaSsrc}.
     */
    public static byte[] pli(int senderSsrc, int mediaSsrc) {
        return ByteBuffer.allocate(8 + 12)
                .put((byte) 0x80).put((byte) RR).putShort((short) 1).putInt(senderSsrc)
                .put((byte) (0x80 | PLI)).put((byte) PSFB).putShort((short) 2).putInt(senderSsrc).putInt(mediaSsrc)
                .array();
    }

    /** An RR without report blocks followed by a FIR for {@code mediaSsrc} with sequence number {@code seq}. */
    public static byte[] fir(int senderSsrc, int mediaSsrc, int seq) {
        return ByteBuffer.allocate(8 + 20)
                .put((byte) 0x80).put((byte) RR).putShort((short) 1).putInt(senderSsrc)
                .put((byte) (0x80 | FIR)).put((byte) PSFB).putShort((short) 4).putInt(senderSsrc).putInt(0)
                .putInt(mediaSsrc).put((byte) seq).put((byte) 0).putShort((short) 0)
                .array();
    }

    /**
     * An RR without report blocks followed by a Generic NACK for {@code mediaSsrc} with one FCI per
     * pair of {@code pidBlp} values: packet id, then the bitmask of the 16 packets after it.
     */
    public static byte[] nack(int senderSsrc, int mediaSsrc, int... pidBlp) {
        if (pidBlp.length == 0 || pidBlp.length % 2 != 0) {
            throw new IllegalArgumentException("a NACK needs PID/BLP pairs");
        }
        int fcis = pidBlp.length / 2;
        ByteBuffer out = ByteBuffer.allocate(8 + 12 + 4 * fcis)
                .put((byte) 0x80).put((byte) RR).putShort((short) 1).putInt(senderSsrc)
                .put((byte) (0x80 | GENERIC_NACK)).put((byte) RTPFB).putShort((short) (2 + fcis))
                .putInt(senderSsrc).putInt(mediaSsrc);
        for (int i = 0; i < pidBlp.length; i += 2) {
            out.putShort((short) pidBlp[i]).putShort((short) pidBlp[i + 1]);
        }
        return out.array();
    }

    /**
     * The PLI and FIR requests in a compound RTCP packet that concern {@code ourSsrc} (a PLI names
     * it as media source; a FIR in one of its FCI entries; a media SSRC of 0 is accepted too,
     * as some senders write it before they know ours). Empty for anything malformed.
     */
    public static List<Request> keyFrameRequests(byte[] data, int offset, int length, int ourSsrc) {
        List<Request> found = new ArrayList<>();
        boolean wellFormed = walk(data, offset, length, (type, fmt, at, size) -> {
            if (type == PSFB && fmt == PLI && size >= 12 && concerns(data, at + 8, ourSsrc)) {
                found.add(Request.PLI);
            } else if (type == PSFB && fmt == FIR && size >= 20) {
                for (int fci = at + 12; fci + 8 <= at + size; fci += 8) {
                    if (concerns(data, fci, ourSsrc)) {
                        found.add(Request.FIR);
                        break;
                    }
                }
            }
        });
        return wellFormed ? found : List.of();
    }

    /**
     * The RTP sequence numbers that Generic NACKs for {@code ourSsrc} in a compound packet ask for,
     * in the order asked, each once, at most {@code max} of them (what one datagram can cost is
     * bounded here, before any history is searched). Empty for anything malformed.
     */
    public static Set<Integer> nackedSequences(byte[] data, int offset, int length, int ourSsrc, int max) {
        Set<Integer> asked = new LinkedHashSet<>();
        boolean wellFormed = walk(data, offset, length, (type, fmt, at, size) -> {
            if (type != RTPFB || fmt != GENERIC_NACK || size < 16 || !concerns(data, at + 8, ourSsrc)) {
                return;
            }
            for (int fci = at + 12; fci + 4 <= at + size && asked.size() < max; fci += 4) {
                int pid = ((data[fci] & 0xFF) << 8) | (data[fci + 1] & 0xFF);
                int blp = ((data[fci + 2] & 0xFF) << 8) | (data[fci + 3] & 0xFF);
                for (int bit = 0; bit < PACKETS_PER_FCI && asked.size() < max; bit++) {
                    if (bit == 0 || (blp & (1 << (bit - 1))) != 0) {
                        asked.add((pid + bit) & 0xFFFF);
                    }
                }
            }
        });
        return wellFormed ? asked : Set.of();
    }

    private static boolean concerns(byte[] data, int at, int ourSsrc) {
        int media = ByteBuffer.wrap(data, at, 4).getInt();
        return media == ourSsrc || media == 0;
    }

    /** One RTCP packet of a compound: its type, FMT/count field, start and size in bytes (header included). */
    private interface Visitor {
        void visit(int type, int fmt, int at, int size);
    }

    /**
     * Visits each packet of a compound (RFC 3550 §6.1), checking version and lengths first: false,
     * and nothing visited, when any of it is malformed.
     */
    private static boolean walk(byte[] data, int offset, int length, Visitor visitor) {
        if (offset < 0 || length < 4 || offset + length > data.length) {
            return false;
        }
        int end = offset + length;
        for (int at = offset; at + 4 <= end; ) {
            int words = ((data[at + 2] & 0xFF) << 8) | (data[at + 3] & 0xFF);
            if (((data[at] & 0xFF) >> 6) != 2 || at + 4 * (words + 1) > end) {
                return false;
            }
            at += 4 * (words + 1);
        }
        for (int at = offset; at + 4 <= end; ) {
            int size = 4 * ((((data[at + 2] & 0xFF) << 8) | (data[at + 3] & 0xFF)) + 1);
            visitor.visit(data[at + 1] & 0xFF, data[at] & 0x1F, at, size);
            at += size;
        }
        return true;
    }
}
