package rock.intercom.demo;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import rock.intercom.media.ParseResult;
import rock.intercom.media.codec.G711;
import rock.intercom.media.rtp.RtpPacket;

/** A plain UDP socket on 127.0.0.1 that records every RTP packet sent to it, on its own thread. */
final class RtpCollector implements AutoCloseable {
    private final DatagramSocket socket;
    private final List<RtpPacket> packets = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile long lastArrivalNanos = System.nanoTime();

    RtpCollector() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(100);
        thread = new Thread(this::receive, "rtp-collector");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    List<RtpPacket> packets() {
        return List.copyOf(packets);
    }

    long nanosSinceLastPacket() {
        return System.nanoTime() - lastArrivalNanos;
    }

    /** All payloads µ-law decoded, in arrival order. */
    short[] decodedUlaw() {
        List<RtpPacket> copy = packets();
        short[] pcm = new short[copy.stream().mapToInt(p -> p.payload().length).sum()];
        int i = 0;
        for (RtpPacket p : copy) {
            for (byte b : p.payload()) {
                pcm[i++] = G711.ulawToLinear(b);
            }
        }
        return pcm;
    }

    private void receive() {
        byte[] buf = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            if (RtpPacket.parse(p.getData(), 0, p.getLength()) instanceof ParseResult.Parsed<RtpPacket> parsed) {
                packets.add(parsed.value());
                lastArrivalNanos = System.nanoTime();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(5000);
    }
}
