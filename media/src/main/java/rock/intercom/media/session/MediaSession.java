package rock.intercom.media.session;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.media.audio.AudioDeviceException;
import rock.intercom.media.audio.Microphone;
import rock.intercom.media.audio.Speaker;
import rock.intercom.media.rtp.RtcpReport;
import rock.intercom.media.sdp.MediaDirection;
import rock.intercom.media.sdp.NegotiatedMedia;
import rock.intercom.media.srtp.SrtpTransport;

/**
 * The audio of one call: built from the sockets allocated before the offer/answer and the
 * {@link NegotiatedMedia} it produced (remote address and port, codec, payload types, direction,
 * SRTP keys). Runs four threads — sender, receiver, playout, RTCP receiver — plus a timer for RTCP
 * reports and the no-media watchdog. Controls are thread-safe; listener callbacks come from the
 * media threads, never under a lock. {@link #close()} stops every thread and closes the sockets,
 * the microphone and the speaker.
 */
public final class MediaSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MediaSession.class);
    private static final int SOCKET_TIMEOUT_MS = 200;

    private final MediaSockets sockets;
    private final NegotiatedMedia media;
    private final Microphone microphone;
    private final Speaker speaker;
    private final MediaSessionOptions options;
    private final MediaListener listener;
    private final RemotePeer peer;
    private final SrtpTransport srtp;
    private final JitterBuffer jitterBuffer = new JitterBuffer();
    private final ReceptionStatistics reception;
    private final RtpSender sender;
    private final RtpReceiver receiver;
    private final AudioPlayout playout;
    private final RtcpAgent rtcp;
    private final ReceivedDigits digits = new ReceivedDigits();
    private final AtomicBoolean noMediaReported = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private ScheduledExecutorService timer;
    /**
     * The no-media watch counts silence from here at the earliest: the session's start, a resume
     * from hold ({@link #updateRemote}) or the answer after early media ({@link #restartNoMediaWatch}).
     */
    private volatile long watchedSinceNanos = System.nanoTime();

    public MediaSession(MediaSockets sockets, NegotiatedMedia media, Microphone microphone, Speaker speaker,
                        MediaSessionOptions options, MediaListener listener) {
        this.sockets = Objects.requireNonNull(sockets);
        this.media = Objects.requireNonNull(media);
        this.microphone = Objects.requireNonNull(microphone);
        this.speaker = Objects.requireNonNull(speaker);
        this.options = Objects.requireNonNull(options);
        this.listener = Objects.requireNonNull(listener);
        this.peer = new RemotePeer(resolve(media.remoteHost(), media.remotePort()), media.direction());
        this.srtp = media.srtp().map(SrtpTransport::of).orElse(null);
        this.reception = new ReceptionStatistics(media.codec().rtpClockRate());
        PayloadTypes payloadTypes = PayloadTypes.of(media);
        this.sender = new RtpSender(sockets.rtp(), peer, microphone, media.codec().newInstance(), media.payloadType(),
            media.telephoneEventPayloadType(), srtp == null ? null : srtp.outbound(),
            VolumeCurve.gain(options.microphoneVolume()));
        this.receiver = new RtpReceiver(sockets.rtp(), peer, srtp == null ? null : srtp.inbound(), jitterBuffer,
            reception, payloadTypes, this::onDigit);
        this.playout = new AudioPlayout(jitterBuffer, speaker, payloadTypes, VolumeCurve.gain(options.speakerVolume()));
        this.rtcp = new RtcpAgent(sockets.rtcp(), peer, srtp == null ? null : srtp.outbound(),
            srtp == null ? null : srtp.inbound(), sender, reception, options.cname());
    }

    private static InetSocketAddress resolve(String host, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot resolve media address " + host, e);
        }
    }

    /**
     * Opens the microphone and speaker and starts the media threads. A missing sound card is an
     * {@link AudioDeviceException} with a message for the user; the session is then closed.
     */
    public void start() throws AudioDeviceException {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("media session already started");
        }
        try {
            sockets.rtp().setSoTimeout(SOCKET_TIMEOUT_MS);
            sockets.rtcp().setSoTimeout(SOCKET_TIMEOUT_MS);
            microphone.open(media.codec().sampleRate());
            speaker.open(media.codec().sampleRate());
        } catch (SocketException e) {
            close();
            throw new AudioDeviceException("media socket unusable: " + e.getMessage(), e);
        } catch (AudioDeviceException | RuntimeException e) {
            close();
            throw e;
        }
        String tag = "-" + sockets.rtpPort();
        startThread(sender, "rtp-send" + tag, Thread.MAX_PRIORITY);
        startThread(receiver, "rtp-receive" + tag, Thread.MAX_PRIORITY);
        startThread(playout, "rtp-playout" + tag, Thread.MAX_PRIORITY);
        startThread(rtcp, "rtcp-receive" + tag, Thread.NORM_PRIORITY);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "media-timer" + tag);
            t.setDaemon(true);
            return t;
        });
        long interval = options.rtcpInterval().toMillis();
        // RFC 3550 §6.3.1: randomise the interval (0.5–1.5×) so reports of many calls do not synchronise.
        long first = (long) (interval * (0.5 + ThreadLocalRandom.current().nextDouble()));
        timer.scheduleWithFixedDelay(this::reportSafely, first, interval, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::checkNoMedia, 100, 100, TimeUnit.MILLISECONDS);
        LOG.info("media started: {} {} to {} ({}), mic {}, speaker {}", media.codec(), media.securityLabel(),
            peer.rtp(), media.direction().attribute(), microphone.describe(), speaker.describe());
    }

    private void startThread(Runnable r, String name, int priority) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.setPriority(priority);
        threads.add(t);
        t.start();
    }

    private void reportSafely() {
        try {
            rtcp.sendReport();
        } catch (RuntimeException e) {
            LOG.warn("RTCP report failed", e);
        }
    }

    private void checkNoMedia() {
        // A held call may stay silent as long as the holder likes: the peer's sendonly, inactive or
        // c=0.0.0.0 (RFC 3264 §8.4) leave this side recvonly or inactive, and a PBX holding without
        // music on hold sends nothing. Only a two-way stream must carry audio.
        if (peer.direction() != MediaDirection.SENDRECV) {
            return;
        }
        long silentNanos = System.nanoTime() - Math.max(receiver.lastReceivedNanos(), watchedSinceNanos);
        if (silentNanos > options.noMediaTimeout().toNanos() && noMediaReported.compareAndSet(false, true)) {
            LOG.warn("no RTP received for {} ms", silentNanos / 1_000_000);
            listener.onNoMedia(MediaListener.NO_AUDIO_RECEIVED);
        }
    }

    private void onDigit(char digit) {
        digits.keep(digit);
        LOG.debug("DTMF event received"); // never the digit at INFO: it may be the door code
        listener.onDtmf(digit);
    }

    /** Microphone volume 0–100, effective from the next frame. */
    public void setMicrophoneVolume(int volume) {
        sender.setGain(VolumeCurve.gain(volume));
    }

    /** Speaker volume 0–100, effective from the next frame. */
    public void setSpeakerVolume(int volume) {
        playout.setGain(VolumeCurve.gain(volume));
    }

    /** Sends a DTMF digit by RFC 4733; false if the peer has no telephone-event or too many are queued. */
    public boolean sendDtmf(char digit) {
        if (rock.intercom.media.rtp.TelephoneEvent.eventOf(digit) < 0) {
            throw new IllegalArgumentException("not a DTMF digit: " + digit);
        }
        return sender.sendDtmf(digit);
    }

    /**
     * Applies a re-negotiation that keeps codec and keys (hold/resume, new remote address); the
     * no-media watchdog counts from here. A change of codec or keys needs a new session.
     */
    public void updateRemote(String host, int port, MediaDirection direction) {
        InetSocketAddress remote = resolve(host, port);
        // Resuming from hold gives the peer a whole timeout to start sending again; set first, so
        // the watchdog never sees the new direction with the old start.
        watchedSinceNanos = System.nanoTime();
        peer.set(remote, direction);
        if (direction.receives()) {
            noMediaReported.set(false);
        }
    }

    /**
     * Counts the no-media timeout from now, and reports again: for early media (RFC 3960), which a
     * network may leave silent until the answer, the watch starts over when the call is answered.
     */
    public void restartNoMediaWatch() {
        watchedSinceNanos = System.nanoTime();
        noMediaReported.set(false);
    }

    /** Digits received by RFC 4733 so far in this call (at most {@value ReceivedDigits#MAX}). */
    public String receivedDigits() {
        return digits.text();
    }

    /** {@code SRTP AES_CM_128_HMAC_SHA1_80} or {@code RTP}. */
    public String securityLabel() {
        return media.securityLabel();
    }

    public NegotiatedMedia media() {
        return media;
    }

    public int localRtpPort() {
        return sockets.rtpPort();
    }

    public MediaStatistics statistics() {
        RtcpReport.ReportBlock remote = rtcp.remoteView();
        double clock = media.codec().rtpClockRate();
        return new MediaStatistics(sender.packetsSent(), sender.octetsSent(), reception.packetsReceived(),
            reception.cumulativeLost(), reception.jitterMillis(), playout.concealedFrames(),
            jitterBuffer.targetDepth(), rtcp.reportsSent(), rtcp.reportsReceived(),
            remote == null ? -1 : remote.fractionLost() / 256.0, remote == null ? 0 : remote.cumulativeLost(),
            remote == null ? -1 : remote.jitter() * 1000.0 / clock, receiver.rejectedPackets());
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        sender.stop();
        receiver.stop();
        playout.stop();
        rtcp.stop();
        if (timer != null) {
            timer.shutdownNow();
        }
        for (Thread t : threads) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        sockets.close();
        microphone.close();
        speaker.close();
        if (srtp != null) {
            srtp.close();
        }
        LOG.info("media stopped: {}", statistics());
    }
}
