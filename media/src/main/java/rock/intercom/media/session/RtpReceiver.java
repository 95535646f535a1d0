package rock.intercom.media.session;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.media.ParseResult;
import rock.intercom.media.rtp.DtmfDetector;
import rock.intercom.media.rtp.RtpPacket;
import rock.intercom.media.rtp.TelephoneEvent;
import rock.intercom.media.srtp.PlainPacket;
import rock.intercom.media.srtp.SrtpContext;

/**
 * The RTP receive loop: unprotects (SRTP), parses, and routes audio to the jitter buffer and
 * RFC 4733 events to the DTMF detector. Anything malformed, forged or of an unknown payload type
 * is counted and dropped; nothing a peer sends can end the loop. Single thread.
 */
final class RtpReceiver extends MediaLoop {
    private static final Logger LOG = LoggerFactory.getLogger(RtpReceiver.class);
    /** Largest datagram read; RTP audio is far smaller. */
    private static final int MAX_DATAGRAM = 2048;

    private final DatagramSocket socket;
    private final RemotePeer peer;
    private final SrtpContext srtp;
    private final JitterBuffer jitterBuffer;
    private final ReceptionStatistics statistics;
    private final PayloadTypes payloadTypes;
    private final Consumer<Character> onDtmf;
    private final DtmfDetector dtmf = new DtmfDetector();
    private final AtomicLong rejected = new AtomicLong();
    private volatile long lastReceivedNanos;
    /** Packets dropped for their source; only the first is logged. */
    private long foreign;

    RtpReceiver(DatagramSocket socket, RemotePeer peer, SrtpContext srtp, JitterBuffer jitterBuffer,
                ReceptionStatistics statistics, PayloadTypes payloadTypes, Consumer<Character> onDtmf) {
        this.socket = socket;
        this.peer = peer;
        this.srtp = srtp;
        this.jitterBuffer = jitterBuffer;
        this.statistics = statistics;
        this.payloadTypes = payloadTypes;
        this.onDtmf = onDtmf;
        this.lastReceivedNanos = System.nanoTime();
    }

    long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    long rejectedPackets() {
        return rejected.get();
    }

    @Override
    public void run() {
        DatagramReceiveLoop.run(socket, MAX_DATAGRAM, this::running, this::handle, e -> {
            rejected.incrementAndGet();
            LOG.warn("dropped an RTP packet that could not be handled", e);
        }, e -> LOG.debug("RTP receive failed: {}", e.toString()));
    }

    private void handle(byte[] buffer, DatagramPacket datagram) {
        long arrival = System.nanoTime();
        ParseResult<PlainPacket> plain = PlainPacket.rtp(srtp, buffer, datagram.getLength());
        if (plain instanceof ParseResult.Malformed<PlainPacket> m) {
            rejected.incrementAndGet();
            LOG.debug("dropped SRTP packet: {}", m.reason());
            return;
        }
        ParseResult<RtpPacket> parsed = RtpPacket.parse(plain.orNull().data(), 0, plain.orNull().length());
        if (!(parsed instanceof ParseResult.Parsed<RtpPacket> ok)) {
            rejected.incrementAndGet();
            return;
        }
        if (!admitted(datagram)) {
            return;
        }
        RtpPacket packet = ok.value();
        if (packet.payloadType() == payloadTypes.telephoneEvent()) {
            ParseResult<TelephoneEvent> event = TelephoneEvent.parse(packet.payload());
            if (event instanceof ParseResult.Parsed<TelephoneEvent> e) {
                accept(packet, arrival);
                char digit = dtmf.onPacket(packet.timestamp(), e.value());
                if (digit != 0) {
                    onDtmf.accept(digit);
                }
            } else {
                rejected.incrementAndGet();
            }
            return;
        }
        if (payloadTypes.codecOf(packet.payloadType()) == null) {
            rejected.incrementAndGet(); // comfort noise (RFC 3389) and unknown types are not played
            return;
        }
        accept(packet, arrival);
        jitterBuffer.add(packet);
        jitterBuffer.adapt(statistics.jitterMillis());
    }

    /** Whether the packet comes from the call's RTP source ({@link SourceLatch}); drops and counts it if not. */
    private boolean admitted(DatagramPacket datagram) {
        switch (peer.admitRtp(datagram.getSocketAddress(), srtp != null)) {
            case TAKE:
                return true;
            case TAKE_AND_MOVE:
                LOG.info("RTP peer latched to {}", datagram.getSocketAddress());
                return true;
            default:
                rejected.incrementAndGet();
                if (foreign++ == 0) {
                    // The first packets of a peer behind a NAT land here too, until its probation ends.
                    LOG.info("RTP from {} not taken: the call's source is {} (another is taken only after {} "
                        + "packets in a row); further drops are only counted", datagram.getSocketAddress(), peer.rtp(),
                        SourceLatch.PROBATION);
                }
                return false;
        }
    }

    private void accept(RtpPacket packet, long arrival) {
        lastReceivedNanos = arrival;
        statistics.onPacket(packet, arrival);
    }
}
