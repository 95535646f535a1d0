package rock.intercom.app.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The far ends of the benchmark's calls: RTP/RTCP port pairs on 127.0.0.1 that read and discard
 * what arrives, so the senders see a bound peer (no ICMP port unreachable) and the capture sees
 * every packet. One thread drains them all; it runs in the orchestrating JVM, not in a measured one.
 */
final class RtpSinks implements AutoCloseable {
    private final List<DatagramChannel> channels = new ArrayList<>();
    private final List<Integer> rtpPorts = new ArrayList<>();
    private final Selector selector;
    private final Thread drain;

    private RtpSinks(Selector selector) {
        this.selector = selector;
        this.drain = new Thread(this::drain, "rtp-sinks");
        this.drain.setDaemon(true);
    }

    /** Binds {@code pairs} consecutive even/odd port pairs somewhere in 30000-39999. */
    static RtpSinks bind(int pairs) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 2 * (15_000 + ThreadLocalRandom.current().nextInt(4_500));
            RtpSinks sinks = new RtpSinks(Selector.open());
            try {
                for (int i = 0; i < 2 * pairs; i++) {
                    DatagramChannel channel = DatagramChannel.open();
                    sinks.channels.add(channel);
                    channel.bind(new InetSocketAddress(loopback, base + i));
                    channel.configureBlocking(false);
                    channel.register(sinks.selector, SelectionKey.OP_READ);
                    if (i % 2 == 0) {
                        sinks.rtpPorts.add(base + i);
                    }
                }
                sinks.drain.start();
                return sinks;
            } catch (IOException e) {
                sinks.close();
            }
        }
        throw new IOException("no free run of " + 2 * pairs + " UDP ports on 127.0.0.1");
    }

    /** The RTP port of each pair (RTCP on +1), in order. */
    List<Integer> rtpPorts() {
        return List.copyOf(rtpPorts);
    }

    private void drain() {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        try {
            while (selector.isOpen()) {
                selector.select(200);
                for (SelectionKey key : selector.selectedKeys()) {
                    DatagramChannel channel = (DatagramChannel) key.channel();
                    buffer.clear();
                    while (channel.receive(buffer) != null) {
                        buffer.clear();
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            // closed at the end of the run
        }
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException e) {
            // nothing left to release
        }
        for (DatagramChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }
}
