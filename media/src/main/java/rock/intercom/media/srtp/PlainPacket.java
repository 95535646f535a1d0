package rock.intercom.media.srtp;

import rock.intercom.media.ParseResult;

/**
 * A received RTP or RTCP packet's bytes as the parsers read them: the datagram's own buffer on a
 * plain stream, SRTP's authenticated and decrypted copy on a protected one (RFC 3711 §3.3). A
 * forged, replayed or truncated packet is a {@link ParseResult.Malformed} with SRTP's reason, for
 * each receiver to count, log or ignore as it does with other bad packets.
 *
 * @param data   the packet, from offset 0
 * @param length how many bytes of {@code data} are the packet
 */
public record PlainPacket(byte[] data, int length) {

    /** An RTP packet; {@code inbound} null means the stream is plain RTP. */
    public static ParseResult<PlainPacket> rtp(SrtpContext inbound, byte[] buffer, int length) {
        return inbound == null ? ParseResult.parsed(new PlainPacket(buffer, length))
                : inbound.unprotectRtp(buffer, 0, length).map(PlainPacket::whole);
    }

    /** An RTCP packet; {@code inbound} null means the stream is plain RTCP. */
    public static ParseResult<PlainPacket> rtcp(SrtpContext inbound, byte[] buffer, int length) {
        return inbound == null ? ParseResult.parsed(new PlainPacket(buffer, length))
                : inbound.unprotectRtcp(buffer, 0, length).map(PlainPacket::whole);
    }

    private static PlainPacket whole(byte[] data) {
        return new PlainPacket(data, data.length);
    }
}
