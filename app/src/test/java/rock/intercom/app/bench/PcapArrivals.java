package rock.intercom.app.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The RTP packets of a tcpdump capture (classic pcap, µs or ns timestamps), per destination UDP
 * port: kernel arrival time on the loopback interface and RTP sequence number. Only IPv4/UDP
 * packets that look like RTP version 2 to one of the wanted ports are kept.
 */
final class PcapArrivals {
    /** One captured RTP packet: capture time in ns since the epoch, and its RTP sequence number. */
    record Arrival(long epochNanos, int sequence) {
    }

    private PcapArrivals() {
    }

    static Map<Integer, List<Arrival>> read(Path pcap, Set<Integer> ports) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(pcap));
        int magic = in.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        boolean nanos;
        if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d) {
            nanos = magic == 0xa1b23c4d;
        } else {
            in.order(ByteOrder.BIG_ENDIAN);
            int swapped = in.getInt(0);
            if (swapped != 0xa1b2c3d4 && swapped != 0xa1b23c4d) {
                throw new IOException(pcap + " is not a classic pcap file (magic " + Integer.toHexString(magic) + ")");
            }
            nanos = swapped == 0xa1b23c4d;
        }
        int linkHeader = linkHeaderLength(in.getInt(20));
        ByteBuffer net = in.duplicate().order(ByteOrder.BIG_ENDIAN); // packet bytes are in network order
        Map<Integer, List<Arrival>> byPort = new HashMap<>();
        int at = 24;
        while (at + 16 <= in.limit()) {
            long seconds = Integer.toUnsignedLong(in.getInt(at));
            long fraction = Integer.toUnsignedLong(in.getInt(at + 4));
            int captured = in.getInt(at + 8);
            int data = at + 16;
            at = data + captured;
            if (at > in.limit()) {
                break; // a capture cut off mid-record
            }
            int ip = data + linkHeader;
            if (captured < linkHeader + 20 + 8 + 12 || (in.get(ip) & 0xf0) != 0x40 || in.get(ip + 9) != 17) {
                continue;
            }
            int udp = ip + (in.get(ip) & 0x0f) * 4;
            int port = Short.toUnsignedInt(net.getShort(udp + 2));
            int rtp = udp + 8;
            if (!ports.contains(port) || rtp + 12 > data + captured || (in.get(rtp) & 0xc0) != 0x80) {
                continue;
            }
            int sequence = Short.toUnsignedInt(net.getShort(rtp + 2));
            long epochNanos = seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1000);
            byPort.computeIfAbsent(port, p -> new ArrayList<>()).add(new Arrival(epochNanos, sequence));
        }
        return byPort;
    }

    /** Bytes before the IP header for the link types tcpdump uses on Linux loopback. */
    private static int linkHeaderLength(int linkType) throws IOException {
        return switch (linkType) {
            case 1 -> 14;          // Ethernet: what tcpdump -i lo writes
            case 0, 108 -> 4;      // BSD loopback
            case 101, 228 -> 0;    // raw IP / raw IPv4
            case 113 -> 16;        // Linux cooked (-i any)
            case 276 -> 20;        // Linux cooked v2
            default -> throw new IOException("unsupported pcap link type " + linkType);
        };
    }
}
