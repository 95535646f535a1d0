package rock.intercom.media.session;

import java.net.DatagramSocket;

/**
 * The bound RTP and RTCP sockets of one call. Both directions use them (symmetric RTP, RFC 4961),
 * so a NAT that opened a pinhole for our packets lets the peer's through.
 */
public record MediaSockets(DatagramSocket rtp, DatagramSocket rtcp) implements AutoCloseable {
    /** The RTP port to write into SDP. */
    public int rtpPort() {
        return rtp.getLocalPort();
    }

    @Override
    public void close() {
        rtp.close();
        rtcp.close();
    }
}
