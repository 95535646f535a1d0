package rock.intercom.media.video;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The RTCP feedback a video call uses: Picture Loss Indication (RFC 4585 §6.3.1, PT=206 FMT=1) and
 * Full Intra Request (RFC 5104 §4.3.1, PT=206 FMT=4). Both ask the sender of a stream for a key
 * frame. {@link #keyFrameRequests} reads them out of a compound packet, checking every length;
 * malformed input gives no requests, never an exception.
 */
public final class RtcpFeedback {
    static final int PSFB = 206;
    static final int RR = 201;
    static final int PLI = 1;
    static final int FIR = 4;

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
     * The PLI and FIR requests in a compound RTCP packet that concern {@code ourSsrc} (a PLI names
     * it as media source; a FIR in one of its FCI entries; a media SSRC of 0 is accepted too,
     * as some senders write it before they know ours). Empty for anything malformed.
     */
    public static List<Request> keyFrameRequests(byte[] data, int offset, int length, int ourSsrc) {
        List<Request> found = new ArrayList<>();
        if (offset < 0 || length < 4 || offset + length > data.length) {
            return found;
        }
        int at = offset;
        int end = offset + length;
        while (at + 4 <= end) {
            int first = data[at] & 0xFF;
            if ((first >> 6) != 2) {
                return List.of();
            }
            int type = data[at + 1] & 0xFF;
            int words = ((data[at + 2] & 0xFF) << 8) | (data[at + 3] & 0xFF);
            int size = 4 * (words + 1);
            if (at + size > end) {
                return List.of();
            }
            int fmt = first & 0x1F;
            if (type == PSFB && fmt == PLI && size >= 12) {
                int media = ByteBuffer.wrap(data, at + 8, 4).getInt();
                if (media == ourSsrc || media == 0) {
                    found.add(Request.PLI);
                }
            } else if (type == PSFB && fmt == FIR && size >= 20) {
                for (int fci = at + 12; fci + 8 <= at + size; fci += 8) {
                    int media = ByteBuffer.wrap(data, fci, 4).getInt();
                    if (media == ourSsrc || media == 0) {
                        found.add(Request.FIR);
                        break;
                    }
                }
            }
            at += size;
        }
        return found;
    }
}
