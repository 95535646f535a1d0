package rock.intercom.media.session;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import rock.intercom.media.sdp.MediaDirection;

/**
 * Where media goes and which way it flows, shared by the send, receive and RTCP threads. The
 * addresses start from the SDP; each stream (RTP, RTCP) takes packets only from the source its
 * {@link SourceLatch} admits, and the send address follows a latch, which is what gets audio
 * through NATs without letting a stranger's packets in. Thread-safe.
 */
final class RemotePeer {
    private volatile InetSocketAddress rtp;
    private volatile InetSocketAddress rtcp;
    private volatile MediaDirection direction;
    private SourceLatch rtpSource;
    private SourceLatch rtcpSource;

    RemotePeer(InetSocketAddress rtp, MediaDirection direction) {
        set(rtp, direction);
    }

    /** A new negotiation (re-INVITE): new addresses, and both streams learn their source again. */
    synchronized void set(InetSocketAddress rtpAddress, MediaDirection newDirection) {
        this.rtp = rtpAddress;
        this.rtcp = new InetSocketAddress(rtpAddress.getAddress(), rtpAddress.getPort() + 1);
        this.direction = newDirection;
        this.rtpSource = SourceLatch.rtp(rtp);
        this.rtcpSource = SourceLatch.rtcp(rtcp);
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

    /** The verdict on a valid RTP packet from {@code source}; audio is sent to where it latched. */
    synchronized SourceLatch.Verdict admitRtp(SocketAddress source, boolean authenticated) {
        if (!(source instanceof InetSocketAddress from)) {
            return SourceLatch.Verdict.DROP;
        }
        SourceLatch.Verdict verdict = rtpSource.admit(from, authenticated);
        if (verdict == SourceLatch.Verdict.TAKE_AND_MOVE) {
            rtp = from;
        }
        return verdict;
    }

    /**
     * The verdict on a valid RTCP packet from {@code source}. Behind a NAT the peer's RTCP comes
     * from another port of the address its RTP latched to, so that address vouches for it.
     */
    synchronized SourceLatch.Verdict admitRtcp(SocketAddress source, boolean authenticated) {
        if (!(source instanceof InetSocketAddress from)) {
            return SourceLatch.Verdict.DROP;
        }
        boolean fromRtpPeer = from.getAddress().equals(rtp.getAddress());
        SourceLatch.Verdict verdict = rtcpSource.admit(from, authenticated || fromRtpPeer);
        if (verdict == SourceLatch.Verdict.TAKE_AND_MOVE) {
            rtcp = from;
        }
        return verdict;
    }
}
