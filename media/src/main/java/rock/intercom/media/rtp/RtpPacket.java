package rock.intercom.media.rtp;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import rock.intercom.media.ParseResult;

/**
 * One RTP packet (RFC 3550 §5.1): fixed header, CSRC list, optional header extension (§5.3.1) and
 * payload. Padding is removed on parse and never produced. Immutable apart from the arrays it
 * holds, which callers must not modify.
 *
 * @param marker            the M bit
 * @param payloadType       7-bit payload type
 * @param sequenceNumber    16-bit sequence number, 0..65535
 * @param timestamp         32-bit timestamp as an unsigned value, 0..2^32-1
 * @param ssrc              synchronisation source
 * @param csrcs             contributing sources, at most 15
 * @param extensionProfile  the 16-bit "defined by profile" word, or -1 when there is no extension
 * @param extension         extension data (length multiple of 4), empty when none
 * @param payload           the payload without padding
 */
public record RtpPacket(boolean marker, int payloadType, int sequenceNumber, long timestamp, int ssrc, int[] csrcs,
                        int extensionProfile, byte[] extension, byte[] payload) {

    /** RFC 3550 §5.1 fixed header length. */
    public static final int FIXED_HEADER = 12;
    private static final int VERSION = 2;

    public RtpPacket {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type out of range: " + payloadType);
        }
        if (sequenceNumber < 0 || sequenceNumber > 0xFFFF) {
            throw new IllegalArgumentException("sequence number out of range: " + sequenceNumber);
        }
        if (timestamp < 0 || timestamp > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("timestamp out of range: " + timestamp);
        }
        Objects.requireNonNull(csrcs);
        Objects.requireNonNull(extension);
        Objects.requireNonNull(payload);
        if (csrcs.length > 15) {
            throw new IllegalArgumentException("more than 15 CSRCs");
        }
        if (extension.length % 4 != 0 || extension.length / 4 > 0xFFFF) {
            throw new IllegalArgumentException("extension length must be a multiple of 4 below 2^18");
        }
        if (extensionProfile < -1 || extensionProfile > 0xFFFF) {
            throw new IllegalArgumentException("extension profile out of range");
        }
    }

    /** A plain audio packet: no CSRCs, no extension. */
    public static RtpPacket of(boolean marker, int payloadType, int sequenceNumber, long timestamp, int ssrc,
                               byte[] payload) {
        return new RtpPacket(marker, payloadType, sequenceNumber, timestamp, ssrc, new int[0], -1, new byte[0],
            payload);
    }

    public boolean hasExtension() {
        return extensionProfile >= 0;
    }

    /** Serialized length in bytes. */
    public int length() {
        return FIXED_HEADER + 4 * csrcs.length + (hasExtension() ? 4 + extension.length : 0) + payload.length;
    }

    /** Serializes into a new array. */
    public byte[] toBytes() {
        byte[] out = new byte[length()];
        write(out, 0);
        return out;
    }

    /** Serializes into {@code out} at {@code offset}; returns the number of bytes written. */
    public int write(byte[] out, int offset) {
        ByteBuffer b = ByteBuffer.wrap(out, offset, length());
        b.put((byte) ((VERSION << 6) | (hasExtension() ? 0x10 : 0) | csrcs.length));
        b.put((byte) ((marker ? 0x80 : 0) | payloadType));
        b.putShort((short) sequenceNumber);
        b.putInt((int) timestamp);
        b.putInt(ssrc);
        for (int csrc : csrcs) {
            b.putInt(csrc);
        }
        if (hasExtension()) {
            b.putShort((short) extensionProfile);
            b.putShort((short) (extension.length / 4));
            b.put(extension);
        }
        b.put(payload);
        return length();
    }

    /**
     * Parses {@code length} bytes at {@code offset}, checking every length field against the
     * datagram (RFC 3550 §5.1, §5.3.1, padding per §5.1 "P").
     */
    public static ParseResult<RtpPacket> parse(byte[] data, int offset, int length) {
        if (data == null || offset < 0 || length < 0 || offset + length > data.length) {
            return ParseResult.malformed("bad buffer bounds");
        }
        if (length < FIXED_HEADER) {
            return ParseResult.malformed("shorter than the 12-byte RTP header: " + length);
        }
        int b0 = data[offset] & 0xFF;
        if (b0 >> 6 != VERSION) {
            return ParseResult.malformed("RTP version " + (b0 >> 6) + " is not 2");
        }
        boolean padding = (b0 & 0x20) != 0;
        boolean hasExtension = (b0 & 0x10) != 0;
        int csrcCount = b0 & 0x0F;
        int b1 = data[offset + 1] & 0xFF;
        ByteBuffer b = ByteBuffer.wrap(data, offset, length);
        b.position(offset + 2);
        int seq = b.getShort() & 0xFFFF;
        long ts = b.getInt() & 0xFFFF_FFFFL;
        int ssrc = b.getInt();
        int end = offset + length;
        if (b.position() + 4 * csrcCount > end) {
            return ParseResult.malformed("CSRC list runs past the end");
        }
        int[] csrcs = new int[csrcCount];
        for (int i = 0; i < csrcCount; i++) {
            csrcs[i] = b.getInt();
        }
        int profile = -1;
        byte[] ext = new byte[0];
        if (hasExtension) {
            if (b.position() + 4 > end) {
                return ParseResult.malformed("header extension runs past the end");
            }
            profile = b.getShort() & 0xFFFF;
            int words = b.getShort() & 0xFFFF;
            if (b.position() + 4L * words > end) {
                return ParseResult.malformed("header extension runs past the end");
            }
            ext = new byte[4 * words];
            b.get(ext);
        }
        int payloadEnd = end;
        if (padding) {
            int pad = data[end - 1] & 0xFF;
            if (pad == 0 || b.position() + pad > end) {
                return ParseResult.malformed("invalid padding length " + pad);
            }
            payloadEnd -= pad;
        }
        byte[] payload = Arrays.copyOfRange(data, b.position(), payloadEnd);
        return ParseResult.parsed(new RtpPacket((b1 & 0x80) != 0, b1 & 0x7F, seq, ts, ssrc, csrcs, profile, ext,
            payload));
    }

    public static ParseResult<RtpPacket> parse(byte[] data) {
        return parse(data, 0, data == null ? 0 : data.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtpPacket p && marker == p.marker && payloadType == p.payloadType
            && sequenceNumber == p.sequenceNumber && timestamp == p.timestamp && ssrc == p.ssrc
            && Arrays.equals(csrcs, p.csrcs) && extensionProfile == p.extensionProfile
            && Arrays.equals(extension, p.extension) && Arrays.equals(payload, p.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(marker, payloadType, sequenceNumber, timestamp, ssrc, Arrays.hashCode(csrcs),
            extensionProfile, Arrays.hashCode(extension), Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "RtpPacket[pt=" + payloadType + ", seq=" + sequenceNumber + ", ts=" + timestamp + ", ssrc="
            + Integer.toUnsignedString(ssrc) + ", m=" + marker + ", payload=" + payload.length + "B]";
    }
}
