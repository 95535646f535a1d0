package rock.intercom.media.session;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.media.codec.AudioCodec;
import rock.intercom.media.codec.Codec;
import rock.intercom.media.audio.Microphone;
import rock.intercom.media.rtp.DtmfEvent;
import rock.intercom.media.rtp.TelephoneEvent;
import rock.intercom.media.rtp.SequenceNumbers;
import rock.intercom.media.srtp.SrtpContext;

/**
 * The RTP sender: a dedicated thread paced by {@link FrameClock} on {@link System#nanoTime()}
 * that reads a 20 ms microphone frame, applies the microphone volume, encodes, protects (SRTP)
 * and sends it; RFC 4733 digits replace audio while they play. Random SSRC, initial sequence
 * number and timestamp (RFC 3550 §5.1). Thread-safe controls; the loop is single-threaded.
 */
final class RtpSender extends MediaLoop {
    private static final Logger LOG = LoggerFactory.getLogger(RtpSender.class);
    private static final long FRAME_NANOS = Codec.PTIME_MS * 1_000_000L;
    private static final int MAX_QUEUED_DIGITS = 32;

    private final DatagramSocket socket;
    private final RemotePeer peer;
    private final Microphone microphone;
    private final Codec codec;
    private final Packetizer packetizer;
    private final int dtmfPayloadType;
    private final long timestampBase = ThreadLocalRandom.current().nextLong(1L << 32);
    private final ArrayDeque<Character> digits = new ArrayDeque<>();
    private final AtomicLong packets = new AtomicLong();
    private final AtomicLong octets = new AtomicLong();
    private volatile double gain;
    private volatile long lastTimestamp;

    RtpSender(DatagramSocket socket, RemotePeer peer, Microphone microphone, AudioCodec encoder, int payloadType,
              int dtmfPayloadType, SrtpContext srtp, double gain) {
        this.socket = socket;
        this.peer = peer;
        this.microphone = microphone;
        this.codec = encoder.codec();
        this.packetizer = new Packetizer(encoder, payloadType, srtp);
        this.dtmfPayloadType = dtmfPayloadType;
        this.gain = gain;
    }

    void setGain(double gain) {
        this.gain = gain;
    }

    /** Queues a digit; false if the peer did not negotiate telephone-event or the queue is full. */
    boolean sendDtmf(char digit) {
        if (dtmfPayloadType < 0) {
            return false;
        }
        synchronized (digits) {
            if (digits.size() >= MAX_QUEUED_DIGITS) {
                return false;
            }
            digits.add(digit);
            return true;
        }
    }

    int ssrc() {
        return packetizer.ssrc();
    }

    long packetsSent() {
        return packets.get();
    }

    long octetsSent() {
        return octets.get();
    }

    /** The RTP timestamp of the most recent frame, for RTCP SR (RFC 3550 §6.4.1). */
    long lastTimestamp() {
        return lastTimestamp;
    }

    @Override
    public void run() {
        short[] frame = new short[codec.frameSamples()];
        FrameClock clock = new FrameClock(System.nanoTime(), FRAME_NANOS);
        Iterator<DtmfEvent.Step> dtmf = null;
        long dtmfTimestamp = 0;
        boolean firstAudio = true;
        while (running()) {
            long wait = clock.dueNanos() - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            long skipped = clock.resyncIfStalled(System.nanoTime());
            if (skipped > 0) {
                LOG.debug("sender stalled, skipped {} frames", skipped);
            }
            microphone.read(frame); // always read: keeps a sound card drained and a file in real time
            long timestamp = SequenceNumbers.advance(timestampBase, clock.frameIndex() * codec.timestampStep());
            lastTimestamp = timestamp;
            if (dtmf == null) {
                Character digit;
                synchronized (digits) {
                    digit = digits.poll();
                }
                if (digit != null) {
                    dtmf = DtmfEvent.steps(digit, codec.rtpClockRate()).iterator();
                    dtmfTimestamp = timestamp;
                }
            }
            if (!peer.direction().sends()) {
                dtmf = null;
                firstAudio = true;
            } else if (dtmf != null) {
                DtmfEvent.Step step = dtmf.next();
                send(packetizer.event(dtmfPayloadType, step.event().toBytes(), dtmfTimestamp, step.marker()),
                    TelephoneEvent.LENGTH);
                if (!dtmf.hasNext()) {
                    dtmf = null;
                }
            } else {
                VolumeCurve.apply(frame, gain);
                byte[] packet = packetizer.audio(frame, timestamp, firstAudio);
                send(packet, packetizer.lastPayloadLength());
                firstAudio = false;
            }
            clock.advance();
        }
    }

    private void send(byte[] packet, int payloadLength) {
        try {
            socket.send(new DatagramPacket(packet, packet.length, peer.rtp()));
            packets.incrementAndGet();
            octets.addAndGet(payloadLength);
        } catch (IOException e) {
            if (running() && !socket.isClosed()) {
                LOG.debug("RTP send failed: {}", e.toString()); // e.g. ICMP unreachable; keep pacing
            }
        }
    }
}
