package rock.intercom.media.session;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.media.ParseResult;
import rock.intercom.media.rtp.RtcpReport;
import rock.intercom.media.srtp.PlainPacket;
import rock.intercom.media.srtp.SrtpContext;

/**
 * RTCP for one call (RFC 3550 §6): sends an SR while we send audio, an RR otherwise, each with a
 * report block about the peer's stream; reads the peer's reports to learn how our stream arrives.
 * {@link #sendReport()} is called by the session's timer; {@link #run()} is the receive loop.
 */
final class RtcpAgent extends MediaLoop {
    private static final Logger LOG = LoggerFactory.getLogger(RtcpAgent.class);

    private final DatagramSocket socket;
    private final RemotePeer peer;
    private final SrtpContext outbound;
    private final SrtpContext inbound;
    private final RtpSender sender;
    private final ReceptionStatistics reception;
    private final String cname;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private volatile long lastSrMiddle;
    private volatile long lastSrArrivalNanos;
    private volatile long lastPacketsSent;
    private volatile RtcpReport.ReportBlock remoteView;

    RtcpAgent(DatagramSocket socket, RemotePeer peer, SrtpContext outbound, SrtpContext inbound, RtpSender sender,
              ReceptionStatistics reception, String cname) {
        this.socket = socket;
        this.peer = peer;
        this.outbound = outbound;
        this.inbound = inbound;
        this.sender = sender;
        this.reception = reception;
        this.cname = cname;
    }

    long reportsSent() {
        return sent.get();
    }

    long reportsReceived() {
        return received.get();
    }

    /** The peer's last report block about our stream, or null. */
    RtcpReport.ReportBlock remoteView() {
        return remoteView;
    }

    /** Builds and sends one compound report. */
    void sendReport() {
        long packets = sender.packetsSent();
        boolean isSender = packets > lastPacketsSent;
        lastPacketsSent = packets;
        List<RtcpReport.ReportBlock> blocks = List.of();
        if (reception.packetsReceived() > 0) {
            long dlsr = 0;
            if (lastSrArrivalNanos != 0) {
                dlsr = (System.nanoTime() - lastSrArrivalNanos) * 65536 / 1_000_000_000L; // 1/65536 s units
            }
            long lost = Math.min(reception.cumulativeLost(), 0x7FFFFF);
            blocks = List.of(new RtcpReport.ReportBlock(reception.ssrc(), reception.takeFractionLost(), (int) lost,
                reception.extendedHighestSequence(), reception.jitter(), lastSrMiddle, dlsr));
        }
        RtcpReport report = new RtcpReport(sender.ssrc(), isSender, RtcpReport.ntpTime(System.currentTimeMillis()),
            sender.lastTimestamp(), packets, sender.octetsSent(), blocks);
        byte[] bytes = report.toBytes(cname);
        if (outbound != null) {
            bytes = outbound.protectRtcp(bytes, 0, bytes.length);
        }
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, peer.rtcp()));
            sent.incrementAndGet();
        } catch (IOException e) {
            LOG.debug("RTCP send failed: {}", e.toString());
        }
    }

    @Override
    public void run() {
        DatagramReceiveLoop.run(socket, 2048, this::running, this::handle,
                e -> LOG.warn("dropped an RTCP packet that could not be handled", e), e -> { });
    }

    private void handle(byte[] buffer, DatagramPacket datagram) {
        if (!(PlainPacket.rtcp(inbound, buffer, datagram.getLength()) instanceof ParseResult.Parsed<PlainPacket> plain)) {
            return;
        }
        ParseResult<RtcpReport> parsed = RtcpReport.parse(plain.value().data(), 0, plain.value().length());
        if (!(parsed instanceof ParseResult.Parsed<RtcpReport> ok)) {
            return;
        }
        if (peer.admitRtcp(datagram.getSocketAddress(), inbound != null) == SourceLatch.Verdict.DROP) {
            return; // not the peer's RTCP: a stranger's report must not skew the call's quality figures
        }
        RtcpReport report = ok.value();
        received.incrementAndGet();
        if (report.sender()) {
            lastSrMiddle = RtcpReport.middle32(report.ntpTime());
            lastSrArrivalNanos = System.nanoTime();
        }
        for (RtcpReport.ReportBlock block : report.blocks()) {
            if (block.ssrc() == sender.ssrc()) {
                remoteView = block;
            }
        }
    }
}
