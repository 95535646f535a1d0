package rock.intercom.app.ops;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.regex.Pattern;

/**
 * SIP trace entries as a classic pcap file (LINKTYPE_RAW, 101: each record one IPv4 or IPv6
 * packet) with synthesised IP and UDP headers, so Wireshark decodes and follows the SIP whatever
 * transport carried it (TCP and TLS messages are written as if they had been datagrams; TLS is
 * shown decrypted). Addresses that are not IP literals become 0.0.0.0 (no name is resolved). Pure.
 */
public final class PcapFile {

    static final int MAGIC_MICROSECONDS = 0xa1b2c3d4;
    static final int LINKTYPE_RAW = 101;
    static final int SNAPLEN = 65535;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private PcapFile() {
    }

    public static byte[] of(List<SipTrace.Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(MAGIC_MICROSECONDS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(SNAPLEN).putInt(LINKTYPE_RAW);
        out.writeBytes(header.array());
        int id = 0;
        for (SipTrace.Entry entry : entries) {
            byte[] packet = packet(entry, id++);
            ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            record.putInt((int) entry.time().getEpochSecond()).putInt(entry.time().getNano() / 1000)
                    .putInt(packet.length).putInt(packet.length);
            out.writeBytes(record.array());
            out.writeBytes(packet);
        }
        return out.toByteArray();
    }

    private static byte[] packet(SipTrace.Entry entry, int id) {
        Endpoint from = Endpoint.parse(entry.source());
        Endpoint to = Endpoint.parse(entry.destination());
        byte[] payload = entry.message();
        boolean v6 = from.address() instanceof Inet6Address || to.address() instanceof Inet6Address;
        InetAddress src = v6 ? as6(from.address()) : from.address();
        InetAddress dst = v6 ? as6(to.address()) : to.address();
        ByteBuffer udp = ByteBuffer.allocate(8 + payload.length);
        udp.putShort((short) from.port()).putShort((short) to.port()).putShort((short) (8 + payload.length))
                .putShort((short) 0).put(payload);
        byte[] segment = udp.array();
        int checksum = checksum(pseudoHeader(src, dst, segment.length), segment);
        segment[6] = (byte) (checksum >> 8);
        segment[7] = (byte) checksum;
        if (v6) {
            ByteBuffer ip = ByteBuffer.allocate(40 + segment.length);
            ip.putInt(0x60000000).putShort((short) segment.length).put((byte) 17).put((byte) 64)
                    .put(src.getAddress()).put(dst.getAddress()).put(segment);
            return ip.array();
        }
        ByteBuffer ip = ByteBuffer.allocate(20 + segment.length);
        ip.put((byte) 0x45).put((byte) 0).putShort((short) (20 + segment.length)).putShort((short) id)
                .putShort((short) 0x4000).put((byte) 64).put((byte) 17).putShort((short) 0)
                .put(src.getAddress()).put(dst.getAddress());
        byte[] ipHeader = java.util.Arrays.copyOf(ip.array(), 20);
        int headerChecksum = checksum(new byte[0], ipHeader);
        ip.putShort(10, (short) headerChecksum);
        ip.position(20);
        ip.put(segment);
        return ip.array();
    }

    private static byte[] pseudoHeader(InetAddress src, InetAddress dst, int udpLength) {
        ByteBuffer pseudo = ByteBuffer.allocate(src.getAddress().length * 2 + 8);
        pseudo.put(src.getAddress()).put(dst.getAddress());
        if (src instanceof Inet6Address) {
            pseudo.putInt(udpLength).putInt(17);
        } else {
            pseudo.put((byte) 0).put((byte) 17).putShort((short) udpLength).putInt(0);
        }
        return pseudo.array();
    }

    /** The Internet checksum (RFC 1071) over {@code a} then {@code b}; 0 is sent as 0xffff for UDP. */
    static int checksum(byte[] a, byte[] b) {
        long sum = 0;
        byte[] all = new byte[a.length + b.length + 1];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        for (int i = 0; i + 1 < all.length; i += 2) {
            sum += ((all[i] & 0xff) << 8) | (all[i + 1] & 0xff);
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        int result = (int) (~sum & 0xffff);
        return result == 0 ? 0xffff : result;
    }

    private static InetAddress as6(InetAddress address) {
        if (address instanceof Inet6Address) {
            return address;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(address.getAddress(), 0, mapped, 12, 4);
        try {
            return Inet6Address.getByAddress(null, mapped, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An IP literal and port from the stack's {@code host:port}; never a name lookup. */
    record Endpoint(InetAddress address, int port) {

        static Endpoint parse(String hostPort) {
            String host = hostPort == null ? "" : hostPort;
            int port = 0;
            int colon = host.lastIndexOf(':');
            if (colon > 0 && host.indexOf(':') == colon || host.startsWith("[") && host.contains("]:")) {
                try {
                    port = Integer.parseInt(host.substring(colon + 1));
                } catch (NumberFormatException e) {
                    port = 0;
                }
                host = host.substring(0, colon);
            }
            host = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            try {
                if (IPV4.matcher(host).matches() || host.contains(":")) {
                    return new Endpoint(InetAddress.getByName(host), port & 0xffff);
                }
            } catch (UnknownHostException e) {
                // Not a literal after all: fall through.
            }
            return new Endpoint(unspecified(), port & 0xffff);
        }

        private static InetAddress unspecified() {
            try {
                return Inet4Address.getByAddress(new byte[4]);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
