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
        SourceLatch.Verdict verdict = rtpSource.admit(source, authenticated, rtp);
        if (verdict == SourceLatch.Verdict.TAKE_AND_MOVE) {
            rtp = (InetSocketAddress) source;
        }
        return verdict;
    }

    /** The verdict on a valid RTCP packet from {@code source}; reports are sent to where it latched. */
    synchronized SourceLatch.Verdict admitRtcp(SocketAddress source, boolean authenticated) {
        SourceLatch.Verdict verdict = rtcpSource.admit(source, authenticated, rtp);
        if (verdict == SourceLatch.Verdict.TAKE_AND_MOVE) {
            rtcp = (InetSocketAddress) source;
        }
        return verdict;
    }
}
