package rock.intercom.media.session;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Objects;

/**
 * Which source a stream of the call's media is taken from. The address the peer announced in its
 * SDP is always taken. A peer behind a NAT sends from elsewhere, so before anything has come from
 * the announced address the stream latches to one other source (symmetric RTP, RFC 4961 §4), but
 * only after {@link #PROBATION} valid packets in a row from it (RTP only: RTCP comes too seldom for
 * a count to mean anything), or one packet that is vouched for: authenticated by SRTP, or (RTCP)
 * from the address the peer's RTP comes from.
 * A latch holds for the rest of the negotiation, and the announced address takes it back for good
 * as soon as it sends. Everything else is dropped: a stranger on the LAN who sprays the RTP port
 * range can neither play into the door's speaker, send DTMF digits of a door code, nor draw the
 * door's microphone to itself (the "RTP bleed" of symmetric RTP that latches to the first packet).
 * Pure logic, not thread-safe: one receive thread calls it.
 */
public final class SourceLatch {
    /** Valid packets in a row from one unannounced source before it is taken (PJSIP's NAT probation is 10). */
    public static final int PROBATION = 5;

    /** What to do with a packet from a source. */
    public enum Verdict {
        /** Take it. */
        TAKE,
        /** Take it, and send to this source from now on: the stream latched (or came back) to it. */
        TAKE_AND_MOVE,
        /** Drop it: not the stream's source. */
        DROP
    }

    private enum Phase { LEARNING, ANNOUNCED, LATCHED }

    private final InetSocketAddress announced;
    private final int probation;
    /** An RTCP stream's latch: vouched for from the RTP peer's host too, and what is vouched for is always taken. */
    private final boolean rtcp;
    private Phase phase = Phase.LEARNING;
    private InetSocketAddress candidate;
    private int run;

    private SourceLatch(InetSocketAddress announced, int probation, boolean rtcp) {
        this.announced = Objects.requireNonNull(announced);
        this.probation = probation;
        this.rtcp = rtcp;
    }

    /** An RTP stream's: another source is taken after {@link #PROBATION} packets in a row, or one vouched for. */
    public static SourceLatch rtp(InetSocketAddress announced) {
        return new SourceLatch(announced, PROBATION, false);
    }

    /**
     * An RTCP stream's: another source is latched to only when a packet is vouched for, and a
     * vouched-for packet is always taken (a peer's reports and feedback may leave from any port of
     * its host, RFC 3605), though the latch stays where it is.
     */
    public static SourceLatch rtcp(InetSocketAddress announced) {
        return new SourceLatch(announced, Integer.MAX_VALUE, true);
    }

    /**
     * The verdict on a valid packet of this stream from {@code source}, while our RTP goes to
     * {@code rtpPeer}: vouched for when SRTP authenticated it (only a holder of the call's keys can
     * send it) or, on an RTCP stream, when it comes from {@code rtpPeer}'s host. A source that is not
     * an IP address is dropped.
     */
    public Verdict admit(SocketAddress source, boolean authenticated, InetSocketAddress rtpPeer) {
        if (!(source instanceof InetSocketAddress from)) {
            return Verdict.DROP;
        }
        return admit(from, authenticated || (rtcp && from.getAddress().equals(rtpPeer.getAddress())));
    }

    /** The verdict on a valid packet from {@code source}; {@code vouched} when it can only come from the peer. */
    public Verdict admit(InetSocketAddress source, boolean vouched) {
        Verdict verdict = latch(source, vouched);
        return verdict == Verdict.DROP && vouched && rtcp ? Verdict.TAKE : verdict;
    }

    private Verdict latch(InetSocketAddress source, boolean vouched) {
        if (source.equals(announced)) {
            Phase was = phase;
            phase = Phase.ANNOUNCED;
            return was == Phase.LATCHED ? Verdict.TAKE_AND_MOVE : Verdict.TAKE;
        }
        switch (phase) {
            case ANNOUNCED:
                return Verdict.DROP;
            case LATCHED:
                return source.equals(candidate) ? Verdict.TAKE : Verdict.DROP;
            default:
                run = source.equals(candidate) ? run + 1 : 1;
                candidate = source;
                if (vouched || run >= probation) {
                    phase = Phase.LATCHED;
                    return Verdict.TAKE_AND_MOVE;
                }
                return Verdict.DROP;
        }
    }
}
