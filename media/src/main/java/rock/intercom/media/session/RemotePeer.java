package rock.intercom.media.session;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import rock.intercom.media.sdp.MediaDirection;

/**
 * Where media goes and which way it flows, shared by the send, receive and RTCP threads. The
 * addresses start from the SDP and latch to where authenticated packets really come from
 * (symmetric RTP, RFC 4961 §4), which is what gets audio through NATs. Thread-safe.
 */
final class RemotePeer {
    private volatile InetSocketAddress rtp;
    private volatile InetSocketAddress rtcp;
    private volatile MediaDirection direction;

    RemotePeer(InetSocketAddress rtp, MediaDirection direction) {
        set(rtp, direction);
    }

    void set(InetSocketAddress rtpAddress, MediaDirection newDirection) {
        this.rtp = rtpAddress;
        this.rtcp = new InetSocketAddress(rtpAddress.getAddress(), rtpAddress.getPort() + 1);
        this.direction = newDirection;
    }

    InetSocketAddress rtp() {
        return rtp;
    }

    InetSocketAddress rtcp() {
        return rtcp;
    }

    MediaDirection direction() {
        return direction;
    }

    /** Latches the RTP address to the source of a valid packet; returns true if it changed. */
    boolean latchRtp(SocketAddress source) {
        if (source instanceof InetSocketAddress s && !s.equals(rtp)) {
            rtp = s;
            return true;
        }
        return false;
    }

    void latchRtcp(SocketAddress source) {
        if (source instanceof InetSocketAddress s) {
            rtcp = s;
        }
    }
}
