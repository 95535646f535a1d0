package rock.intercom.demo;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.media.ParseResult;
import rock.intercom.media.codec.G711;
import rock.intercom.media.rtp.RtpPacket;

/**
 * The guard desk's incoming audio on one call: reads RTP from the call's socket (symmetric RTP,
 * the port its SDP names), decodes G.711 (payload types 0 and 8, RFC 3551) into {@link HeardAudio}
 * and skips everything else (telephone-event, comfort noise). One daemon thread per call; it ends
 * when the call's socket is closed. Malformed packets are dropped, never fatal.
 */
final class RtpListener {
    private static final Logger LOG = LoggerFactory.getLogger(RtpListener.class);
    private static final int MAX_PACKET = 2048;

    private RtpListener() {
    }

    static void start(DatagramSocket socket, HeardAudio heard) {
        Thread t = new Thread(() -> receive(socket, heard), "demo-pbx-rtp-in-" + socket.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    private static void receive(DatagramSocket socket, HeardAudio heard) {
        byte[] buf = new byte[MAX_PACKET];
        while (!socket.isClosed()) {
            DatagramPacket datagram = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(datagram);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.debug("Demo PBX stops listening on {}: {}", socket.getLocalPort(), e.toString());
                }
                return;
            }
            if (RtpPacket.parse(datagram.getData(), 0, datagram.getLength())
                    instanceof ParseResult.Parsed<RtpPacket> parsed) {
                short[] pcm = decode(parsed.value());
                if (pcm != null) {
                    heard.add(pcm);
                }
            }
        }
    }

    private static short[] decode(RtpPacket packet) {
        byte[] payload = packet.payload();
        boolean ulaw = packet.payloadType() == 0;
        if (!ulaw && packet.payloadType() != 8) {
            return null;
        }
        short[] pcm = new short[payload.length];
        for (int i = 0; i < payload.length; i++) {
            pcm[i] = ulaw ? G711.ulawToLinear(payload[i]) : G711.alawToLinear(payload[i]);
        }
        return pcm;
    }
}
