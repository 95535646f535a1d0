package rock.intercom.media.video;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import rock.intercom.media.sdp.NegotiatedVideo;
import rock.intercom.media.session.SourceLatch;

/**
 * The far end of a call's video: what was agreed, where our RTP and RTCP go, and which source each
 * of its streams is taken from ({@link SourceLatch}; each latch is touched by its own receive loop
 * only). A re-INVITE replaces it whole; a latch that moves gives a copy sending to the new source.
 */
record VideoPeer(NegotiatedVideo media, InetSocketAddress rtp, InetSocketAddress rtcp, SourceLatch rtpSource,
                 SourceLatch rtcpSource) {

    static VideoPeer of(NegotiatedVideo m) {
        InetSocketAddress rtp = new InetSocketAddress(m.remoteHost(), m.remotePort());
        InetSocketAddress rtcp = new InetSocketAddress(m.remoteHost(), m.remotePort() + 1);
        return new VideoPeer(m, rtp, rtcp, SourceLatch.rtp(rtp), SourceLatch.rtcp(rtcp));
    }

    /** The verdict on a packet from {@code source} on the RTP or the RTCP stream ({@link SourceLatch#admit}). */
    SourceLatch.Verdict admit(SocketAddress source, boolean rtcp, boolean authenticated) {
        return (rtcp ? rtcpSource : rtpSource).admit(source, authenticated, rtp);
    }

    /** Whether {@code other} is this same negotiation (the same latches), wherever it sends. */
    boolean sameNegotiation(VideoPeer other) {
        return rtpSource == other.rtpSource;
    }

    /** This peer, sending the stream's packets (RTP or RTCP) to {@code to}, where its latch moved. */
    VideoPeer sendingTo(InetSocketAddress to, boolean rtcp) {
        return rtcp ? new VideoPeer(media, rtp, to, rtpSource, rtcpSource)
                : new VideoPeer(media, to, this.rtcp, rtpSource, rtcpSource);
    }
}
