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
    private volatile boolean latched;

    RemotePeer(InetSocketAddress rtp, MediaDirection direction) {
        set(rtp, direction);
    }

    synchronized void set(InetSocketAddress rtpAddress, MediaDirection newDirection) {
        this.rtp = rtpAddress;
        this.rtcp = new InetSocketAddress(rtpAddress.getAddress(), rtpAddress.getPort() + 1);
        this.direction = newDirection;
        this.latched = false;
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

    /**
     * Latches the RTP address to the source of the first valid packet, once per negotiation:
     * later packets from elsewhere cannot redirect our audio (the "RTP bleed" hijack).
     */
    synchronized boolean latchRtp(SocketAddress source) {
        if (latched) {
            return false;
        }
        latched = true;
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
