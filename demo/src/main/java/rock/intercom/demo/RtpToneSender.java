package rock.intercom.demo;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.media.codec.AudioCodec;
import rock.intercom.media.codec.Codec;
import rock.intercom.media.rtp.RtpPacket;

/**
 * The guard desk's outgoing audio: one RTP stream (RFC 3550 §5.1, RFC 3551 G.711 at 20 ms) of a
 * tone from a local UDP socket. The socket is bound before the answer so its port can go into the
 * SDP. {@link #sendFrame()} sends one packet; the caller paces it every 20 ms. Incoming RTP on the
 * same socket (symmetric RTP) is read by the call's {@link RtpListener}. Used by one thread at a
 * time; {@link #close()} from any.
 */
final class RtpToneSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RtpToneSender.class);
    private static final double TONE_AMPLITUDE = 0.3; // about -10 dBFS: clearly audible, never clipping

    private final DatagramSocket socket;
    private final int ssrc = ThreadLocalRandom.current().nextInt();
    // Random initial sequence number and timestamp, RFC 3550 §5.1.
    private int sequence = ThreadLocalRandom.current().nextInt(0x10000);
    private long timestamp = ThreadLocalRandom.current().nextLong(0x1_0000_0000L);
    private AudioCodec codec;
    private ToneGenerator tone;
    private InetSocketAddress destination;
    private boolean first = true;
    private boolean failureLogged;

    RtpToneSender(InetAddress localAddress) throws SocketException {
        this.socket = new DatagramSocket(new InetSocketAddress(localAddress, 0));
    }

    int localPort() {
        return socket.getLocalPort();
    }

    /** The call's RTP socket, for its {@link RtpListener}. */
    DatagramSocket socket() {
        return socket;
    }

    /** Fixes where and how the tone goes, once the offer is answered. */
    void aim(Codec codec, double frequencyHz, String host, int port) {
        this.codec = codec.newInstance();
        this.tone = new ToneGenerator(frequencyHz, codec.sampleRate(), TONE_AMPLITUDE);
        this.destination = new InetSocketAddress(host, port);
    }

    /** Sends the next 20 ms packet; a send failure is logged once and the stream goes on. */
    void sendFrame() {
        if (destination == null || socket.isClosed()) {
            return;
        }
        short[] pcm = tone.nextFrame(codec.codec().frameSamples());
        byte[] payload = new byte[pcm.length];
        codec.encode(pcm, payload, 0);
        // The marker bit flags the start of the talkspurt (RFC 3551 §4.1).
        byte[] bytes = RtpPacket.of(first, codec.codec().payloadType(), sequence, timestamp, ssrc, payload).toBytes();
        first = false;
        sequence = (sequence + 1) & 0xFFFF;
        timestamp = (timestamp + codec.codec().timestampStep()) & 0xFFFF_FFFFL;
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, destination));
        } catch (IOException e) {
            if (!failureLogged) {
                failureLogged = true;
                LOG.warn("Demo PBX cannot send the guard desk tone to {}: {}", destination, e.toString());
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
