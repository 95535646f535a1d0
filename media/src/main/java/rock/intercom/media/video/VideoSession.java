package rock.intercom.media.video;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.media.ParseResult;
import rock.intercom.media.rtp.RtpPacket;
import rock.intercom.media.sdp.NegotiatedVideo;
import rock.intercom.media.session.DatagramReceiveLoop;
import rock.intercom.media.session.MediaSockets;
import rock.intercom.media.session.SourceLatch;
import rock.intercom.media.srtp.PlainPacket;
import rock.intercom.media.srtp.SrtpContext;
import rock.intercom.media.srtp.SrtpTransport;
import rock.intercom.settings.VideoOptions;

/**
 * One call's H.264 video on our own transport: the call's video RTP/RTCP socket pair, SRTP with
 * the video m-line's keys (the same rules as audio), GStreamer only for the pictures
 * ({@link H264Sender}, {@link H264Receiver}). A PLI or FIR from the peer makes the encoder send
 * a key frame; what we receive goes to a {@link PeerDecoder}, which says when to send a PLI (nothing
 * decodes yet, or its decoder stalled and was replaced). Nothing the peer sends can end the
 * receive loops: bad packets are counted and dropped.
 *
 * <p>Threads: {@code video-rtp-<port>} and {@code video-rtcp-<port>} receive; GStreamer's
 * streaming thread sends. Every public method is thread-safe; {@link #close} joins the loops.
 */
public final class VideoSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VideoSession.class);
    /** Largest datagram read: a 1200-byte payload plus headers and SRTP tag fits easily. */
    private static final int MAX_DATAGRAM = 2048;

    private final MediaSockets sockets;
    private final Optional<SrtpTransport> srtp;
    /** What was agreed and where the peer is; a re-INVITE may change both at once ({@link #follow}). */
    private volatile VideoPeer peer;
    private final int ssrc = ThreadLocalRandom.current().nextInt();
    private final H264Sender sender;
    private final PeerDecoder receiver;
    private final Thread rtpLoop;
    private final Thread rtcpLoop;
    private volatile boolean running;
    private volatile int remoteSsrc;
    private volatile long keyFrameRequestedNanos = -1;
    private volatile long lastKeyFrameLatencyMs = -1;
    /** RTP timestamp of the last key frame counted; only GStreamer's streaming thread touches it. */
    private long lastKeyFrameTimestamp = -1;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong keyFrames = new AtomicLong();
    private final AtomicLong keyFramesIn = new AtomicLong();
    /** RTP timestamp of the peer's last key frame counted; only the RTP receive loop touches it. */
    private long lastKeyFrameInTimestamp = -1;
    private volatile long lastKeyFrameInNanos = -1;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong plis = new AtomicLong();
    private final Retransmissions retransmissions = new Retransmissions(System::nanoTime);

    /** Builds the pipelines on {@code sockets} (which the session now owns); nothing flows before {@link #start}. */
    public VideoSession(MediaSockets sockets, NegotiatedVideo media, Camera camera, VideoOptions format) {
        this.sockets = Objects.requireNonNull(sockets, "sockets");
        this.peer = VideoPeer.of(Objects.requireNonNull(media, "media"));
        this.srtp = media.srtp().map(SrtpTransport::of);
        H264Sender out = null;
        PeerDecoder in = null;
        try {
            if (media.direction().sends()) {
                out = new H264Sender(camera, format, ssrc, media.payloadType(), media.bitrateKbps(), this::send);
            }
            if (media.direction().receives()) {
                in = new PeerDecoder(media.payloadType());
            }
        } catch (RuntimeException e) {
            if (out != null) {
                out.close();
            }
            srtp.ifPresent(SrtpTransport::close);
            throw e;
        }
        this.sender = out;
        this.receiver = in;
        int port = sockets.rtpPort();
        this.rtpLoop = new Thread(() -> receiveLoop(sockets.rtp(), false, this::onRtp), "video-rtp-" + port);
        this.rtcpLoop = new Thread(() -> receiveLoop(sockets.rtcp(), true, this::onRtcp), "video-rtcp-" + port);
    }

    public void start() {
        running = true;
        try {
            sockets.rtp().setSoTimeout(200);
            sockets.rtcp().setSoTimeout(200);
        } catch (SocketException e) {
            LOG.debug("video socket timeout not set: {}", e.toString());
        }
        rtpLoop.setDaemon(true);
        rtcpLoop.setDaemon(true);
        rtpLoop.start();
        rtcpLoop.start();
        if (receiver != null) {
            receiver.start();
        }
        if (sender != null) {
            sender.start();
        }
        NegotiatedVideo media = peer.media();
        LOG.info("video {} to {} (payload type {}, {} kbit/s, {})", media.direction().attribute(), peer.rtp(),
                media.payloadType(), media.bitrateKbps(), media.srtp().isPresent() ? "SRTP" : "RTP");
    }

    public NegotiatedVideo media() {
        return peer.media();
    }

    /**
     * Whether a re-INVITE's agreement can go on in this session: the same payload type and keys
     * (the SRTP contexts stay), and the pipelines its direction needs were built.
     */
    public boolean canFollow(NegotiatedVideo next) {
        NegotiatedVideo now = peer.media();
        return next.payloadType() == now.payloadType() && next.srtp().equals(now.srtp())
                && (!next.direction().sends() || sender != null) && (!next.direction().receives() || receiver != null);
    }

    /**
     * A re-INVITE's agreement ({@link #canFollow} holds): a new peer address and direction. On hold
     * (sendonly, inactive) nothing is sent and what arrives is dropped; sending again starts with a
     * key frame, so the peer's picture comes back at once (RFC 3264 §8.4).
     */
    public void follow(NegotiatedVideo next) {
        boolean wasSending = peer.media().direction().sends();
        synchronized (this) {
            peer = VideoPeer.of(next);
        }
        if (!wasSending && next.direction().sends()) {
            requestKeyFrame();
        }
        LOG.info("video now {} to {}", next.direction().attribute(), peer.rtp());
    }

    /** Whether a packet comes from the peer ({@link VideoPeer#admit}); a latch that moves (NAT) moves what we send. */
    private boolean admitted(SocketAddress source, boolean rtcp) {
        VideoPeer p = peer;
        SourceLatch.Verdict verdict = p.admit(source, rtcp, srtp.isPresent());
        if (verdict == SourceLatch.Verdict.DROP) {
            reject("not the peer's source: " + source);
            return false;
        }
        if (verdict == SourceLatch.Verdict.TAKE_AND_MOVE) {
            synchronized (this) { // unless a re-INVITE replaced the peer meanwhile
                if (peer.sameNegotiation(p)) {
                    peer = peer.sendingTo((InetSocketAddress) source, rtcp);
                    LOG.info("video {} latched to {}", rtcp ? "RTCP" : "RTP", source);
                }
            }
        }
        return true;
    }

    public int localRtpPort() {
        return sockets.rtpPort();
    }

    /** Our video SSRC, as PLI/FIR name it. */
    public int ssrc() {
        return ssrc;
    }

    public VideoStatistics statistics() {
        return new VideoStatistics(sent.get(), received.get(), rejected.get(),
                receiver == null ? 0 : receiver.framesDecoded(), receiver == null ? "" : receiver.pictureSize(),
                keyFrames.get(), keyFramesIn.get(), requests.get(), plis.get(), lastKeyFrameLatencyMs,
                retransmissions.resent(), retransmissions.refused(), receiver == null ? 0 : receiver.restarts());
    }

    /** {@link System#nanoTime()} when the peer's last key frame began to arrive, or -1: for the key-frame bench. */
    public long lastKeyFrameReceivedNanos() {
        return lastKeyFrameInNanos;
    }

    /** The peer's last picture as JPEG (at most a second old), if any arrived. */
    public Optional<byte[]> lastPicture() {
        return Optional.ofNullable(receiver == null ? null : receiver.lastPicture());
    }

    /** What our camera sends in this call as JPEG (at most a second old), if a picture was made yet. */
    public Optional<byte[]> lastCameraPicture() {
        return Optional.ofNullable(sender == null ? null : sender.lastCameraPicture());
    }

    /** The first error of the camera/encoder or decoder pipeline (e.g. a camera that cannot open), if any. */
    public Optional<String> failure() {
        String out = sender == null ? null : sender.error();
        return Optional.ofNullable(out != null ? out : receiver == null ? null : receiver.error());
    }

    /** Asks our own encoder for a key frame, as a peer's PLI does. */
    public void requestKeyFrame() {
        if (sender != null) {
            keyFrameRequestedNanos = System.nanoTime();
            sender.requestKeyFrame();
        }
    }

    /** Sends the peer a PLI for its stream, as when our decoder lost a picture. */
    public void sendPictureLossIndication() {
        sendRtcp(RtcpFeedback.pli(ssrc, remoteSsrc));
        plis.incrementAndGet();
    }

    // ---- sending (GStreamer's streaming thread) ----

    private void send(byte[] packet) {
        VideoPeer to = peer;
        if (!running || packet.length < RtpPacket.FIXED_HEADER || !to.media().direction().sends()) {
            return;
        }
        int headerLength = H264KeyFrames.rtpHeaderLength(packet);
        if (headerLength > 0 && H264KeyFrames.startsKeyFrame(packet, headerLength, packet.length - headerLength)
                && isFirstOfFrame(packet)) {
            countKeyFrame();
        }
        byte[] wire = srtp.map(t -> t.outbound().protectRtp(packet, 0, packet.length)).orElse(packet);
        retransmissions.sent(((packet[2] & 0xFF) << 8) | (packet[3] & 0xFF), wire);
        try {
            sockets.rtp().send(new DatagramPacket(wire, wire.length, to.rtp()));
            sent.incrementAndGet();
        } catch (IOException e) {
            LOG.debug("video send failed: {}", e.toString());
        }
    }

    /** Counts a key frame once per RTP timestamp: its SPS, PPS and IDR fragments share one. */
    private void countKeyFrame() {
        keyFrames.incrementAndGet();
        long requested = keyFrameRequestedNanos;
        if (requested > 0) {
            lastKeyFrameLatencyMs = (System.nanoTime() - requested) / 1_000_000;
            keyFrameRequestedNanos = -1;
        }
    }

    private boolean isFirstOfFrame(byte[] packet) {
        long timestamp = ((packet[4] & 0xFFL) << 24) | ((packet[5] & 0xFF) << 16) | ((packet[6] & 0xFF) << 8)
                | (packet[7] & 0xFF);
        if (timestamp == lastKeyFrameTimestamp) {
            return false;
        }
        lastKeyFrameTimestamp = timestamp;
        return true;
    }

    // ---- receiving (the session's two loops) ----

    /** Takes one packet's plain text (SRTP already removed on a protected stream). */
    private interface Handler {
        void handle(byte[] data, int length);
    }

    private void receiveLoop(DatagramSocket socket, boolean rtcp, Handler handler) {
        DatagramReceiveLoop.run(socket, MAX_DATAGRAM, () -> running, (buffer, datagram) -> {
                    PlainPacket plain = opened(buffer, datagram.getLength(), rtcp);
                    if (plain != null && admitted(datagram.getSocketAddress(), rtcp)) {
                        handler.handle(plain.data(), plain.length());
                    }
                }, e -> {
                    rejected.incrementAndGet();
                    LOG.warn("dropped a video packet that could not be handled", e);
                }, e -> { });
    }

    /** The packet to read, SRTP's plain text on a protected stream; null when SRTP refused it (rejected). */
    private PlainPacket opened(byte[] buffer, int length, boolean rtcp) {
        SrtpContext inbound = srtp.isPresent() ? srtp.get().inbound() : null;
        ParseResult<PlainPacket> plain = rtcp ? PlainPacket.rtcp(inbound, buffer, length)
                : PlainPacket.rtp(inbound, buffer, length);
        if (plain instanceof ParseResult.Malformed<PlainPacket> m) {
            reject((rtcp ? "SRTCP: " : "SRTP: ") + m.reason());
            return null;
        }
        return plain.orNull();
    }

    private void onRtp(byte[] data, int length) {
        ParseResult<RtpPacket> parsed = RtpPacket.parse(data, 0, length);
        if (!(parsed instanceof ParseResult.Parsed<RtpPacket> ok)) {
            reject("RTP: " + ((ParseResult.Malformed<RtpPacket>) parsed).reason());
            return;
        }
        NegotiatedVideo media = peer.media();
        if (ok.value().payloadType() != media.payloadType() || receiver == null || !media.direction().receives()) {
            reject(!media.direction().receives() ? "video is " + media.direction().attribute()
                    : receiver == null ? "video is send-only" : "payload type " + ok.value().payloadType());
            return;
        }
        RtpPacket packet = ok.value();
        remoteSsrc = packet.ssrc();
        received.incrementAndGet();
        byte[] payload = packet.payload();
        if (H264KeyFrames.startsKeyFrame(payload, 0, payload.length) && packet.timestamp() != lastKeyFrameInTimestamp) {
            lastKeyFrameInTimestamp = packet.timestamp();
            lastKeyFrameInNanos = System.nanoTime();
            keyFramesIn.incrementAndGet();
        }
        if (receiver.push(data, length, lastKeyFrameInNanos)) {
            sendPictureLossIndication();
        }
    }

    /** For tests: the RTP receive loop replaces the decoder on the next packet, as it does when one stalls. */
    void askDecoderRestart() {
        receiver.askRestart();
    }

    private void onRtcp(byte[] data, int length) {
        if (sender != null) {
            resend(RtcpFeedback.nackedSequences(data, 0, length, ssrc, Retransmissions.MAX_PER_NACK));
        }
        int asked = RtcpFeedback.keyFrameRequests(data, 0, length, ssrc).size();
        if (asked > 0) {
            requests.addAndGet(asked);
            LOG.debug("video: peer asked for a key frame");
            requestKeyFrame();
        }
    }

    /** RFC 4585 §6.2.1: the packets a Generic NACK asks for, again, as far as history and budget go. */
    private void resend(java.util.Set<Integer> asked) {
        if (asked.isEmpty()) {
            return;
        }
        for (byte[] wire : retransmissions.asked(asked)) {
            try {
                sockets.rtp().send(new DatagramPacket(wire, wire.length, peer.rtp()));
            } catch (IOException e) {
                LOG.debug("video resend failed: {}", e.toString());
            }
        }
    }

    /** Counts a dropped datagram; the first of a session is logged with its reason, the rest at DEBUG. */
    private void reject(String reason) {
        if (rejected.incrementAndGet() == 1) {
            LOG.info("video: dropped a packet ({}); further drops are only counted", reason);
        } else {
            LOG.debug("video: dropped a packet ({})", reason);
        }
    }

    private void sendRtcp(byte[] packet) {
        byte[] wire = srtp.map(t -> t.outbound().protectRtcp(packet, 0, packet.length)).orElse(packet);
        try {
            sockets.rtcp().send(new DatagramPacket(wire, wire.length, peer.rtcp()));
        } catch (IOException e) {
            LOG.debug("video RTCP send failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        if (sender != null) {
            sender.close();
        }
        sockets.close();
        join(rtpLoop);
        join(rtcpLoop);
        if (receiver != null) {
            receiver.close();
        }
        srtp.ifPresent(SrtpTransport::close);
        LOG.info("video ended: {}", statistics());
    }

    private static void join(Thread t) {
        if (!t.isAlive()) {
            return;
        }
        try {
            t.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
