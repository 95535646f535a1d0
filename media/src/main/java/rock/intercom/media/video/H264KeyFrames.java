package rock.intercom.media.video;

import rock.intercom.media.rtp.RtpPacket;

/**
 * Recognises the start of a key frame in an RFC 6184 payload: an IDR slice (NAL type 5) or a
 * sequence parameter set (7, which a key frame carries in front, {@code config-interval=-1}) as a
 * single NAL unit (§5.6), inside a STAP-A (§5.7.1) or as the first fragment of an FU-A (§5.8).
 * Counting these on the way out shows that a PLI/FIR was answered. Pure; any bytes are safe.
 */
public final class H264KeyFrames {
    private static final int IDR = 5;
    private static final int SPS = 7;
    private static final int STAP_A = 24;
    private static final int FU_A = 28;

    private H264KeyFrames() {
    }

    /** Whether the RTP payload at {@code offset} (length {@code length}) begins a key frame. */
    public static boolean startsKeyFrame(byte[] payload, int offset, int length) {
        if (length < 1 || offset < 0 || offset + length > payload.length) {
            return false;
        }
        int type = payload[offset] & 0x1F;
        if (type == IDR || type == SPS) {
            return true;
        }
        if (type == FU_A) {
            return length >= 2 && (payload[offset + 1] & 0x80) != 0 && (payload[offset + 1] & 0x1F) == IDR;
        }
        if (type == STAP_A) {
            int at = offset + 1;
            int end = offset + length;
            while (at + 2 < end) {
                int size = ((payload[at] & 0xFF) << 8) | (payload[at + 1] & 0xFF);
                if (size == 0 || at + 2 + size > end) {
                    return false;
                }
                int inner = payload[at + 2] & 0x1F;
                if (inner == IDR || inner == SPS) {
                    return true;
                }
                at += 2 + size;
            }
        }
        return false;
    }

    /** An RTP packet's header length with CSRCs and extension (RFC 3550 §5.1, §5.3.1), or -1 if it does not fit. */
    static int rtpHeaderLength(byte[] p) {
        int length = RtpPacket.FIXED_HEADER + 4 * (p[0] & 0x0F);
        if ((p[0] & 0x10) != 0) {
            if (length + 4 > p.length) {
                return -1;
            }
            length += 4 + 4 * (((p[length + 2] & 0xFF) << 8) | (p[length + 3] & 0xFF));
        }
        return length < p.length ? length : -1;
    }
}
