package rock.intercom.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Reads a pcap file as a capture tool would: header, records, IPv4/IPv6, UDP, payload. */
final class PcapReader {

    private PcapReader() {
    }

    /** The UDP payloads of every record, checking each header on the way. */
    static List<String> sipPayloads(byte[] pcap) {
        ByteBuffer in = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(in.getInt()).as("magic").isEqualTo(0xa1b2c3d4);
        assertThat(in.getShort()).isEqualTo((short) 2);
        assertThat(in.getShort()).isEqualTo((short) 4);
        in.position(20);
        assertThat(in.getInt()).as("LINKTYPE_RAW").isEqualTo(101);
        List<String> payloads = new ArrayList<>();
        while (in.hasRemaining()) {
            in.getInt();
            in.getInt();
            int included = in.getInt();
            assertThat(in.getInt()).isEqualTo(included);
            byte[] packet = new byte[included];
            in.get(packet);
            ByteBuffer ip = ByteBuffer.wrap(packet); // network byte order
            int version = (packet[0] & 0xf0) >> 4;
            int udpStart;
            if (version == 4) {
                assertThat(packet[9]).as("protocol UDP").isEqualTo((byte) 17);
                assertThat(ip.getShort(2) & 0xffff).as("IPv4 total length").isEqualTo(included);
                udpStart = (packet[0] & 0x0f) * 4;
            } else {
                assertThat(version).isEqualTo(6);
                assertThat(packet[6]).isEqualTo((byte) 17);
                udpStart = 40;
            }
            assertThat(ip.getShort(udpStart + 4) & 0xffff).as("UDP length").isEqualTo(included - udpStart);
            payloads.add(new String(packet, udpStart + 8, included - udpStart - 8, StandardCharsets.UTF_8));
        }
        return payloads;
    }

    /** Where Debian's tcpdump is installed, it must read the file and find no bad checksum. */
    static void checkWithTcpdump(byte[] pcap, Path file, int packets) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/tcpdump"))) {
            return;
        }
        Files.createDirectories(file.getParent());
        Files.write(file, pcap);
        Process tcpdump = new ProcessBuilder("/usr/bin/tcpdump", "-nn", "-vv", "-r", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(tcpdump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tcpdump.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(tcpdump.exitValue()).as(out).isZero();
        assertThat(out).doesNotContainIgnoringCase("bad cksum").doesNotContainIgnoringCase("bad udp cksum");
        assertThat(out.lines().filter(line -> line.contains(" UDP, length ") || line.contains(": SIP")).count())
                .as(out).isEqualTo(packets);
    }
}
