package rock.intercom.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rock.intercom.testkit.FreePorts;

/** Starting and stopping the demo PBX: the ports are taken while it runs and free afterwards. */
class DemoPbxLifecycleTest {
    private static final Map<String, String> USERS = Map.of("505", "pw-505");

    @Test
    void stopReleasesUdpAndTcpPort() throws Exception {
        DemoPbx pbx = DemoPbx.start(DemoPbxOptions.of(0, USERS));
        int port = pbx.port();
        assertThat(port).isPositive();
        assertThat(canBind(port)).isFalse();
        pbx.stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> canBind(port));
        pbx.close(); // idempotent
    }

    @Test
    void explicitPortIsUsedAndABusyPortIsAnError() throws Exception {
        int port = FreePorts.tcpAndUdp();
        try (DemoPbx pbx = DemoPbx.start(DemoPbxOptions.of(port, USERS))) {
            assertThat(pbx.port()).isEqualTo(port);
            assertThat(pbx.domain()).isEqualTo("127.0.0.1");
            assertThatThrownBy(() -> DemoPbx.start(DemoPbxOptions.of(port, USERS))).isInstanceOf(IOException.class);
            assertThat(answersOptions(port)).isTrue(); // the first one is unharmed
        }
    }

    private static boolean canBind(int port) {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ServerSocket tcp = new ServerSocket()) {
            tcp.bind(new InetSocketAddress(lo, port));
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(lo, port))) {
                return true;
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** A bare OPTIONS over UDP from a plain socket: the keepalive a door sends. */
    private static boolean answersOptions(int port) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            String options = "OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + s.getLocalPort() + ";branch=z9hG4bK-lifecycle-1\r\n"
                + "From: <sip:505@127.0.0.1>;tag=1\r\nTo: <sip:127.0.0.1>\r\nCall-ID: lifecycle-1\r\n"
                + "CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
            byte[] bytes = options.getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
            s.setSoTimeout(10_000);
            byte[] buf = new byte[4096];
            DatagramPacket reply = new DatagramPacket(buf, buf.length);
            try {
                s.receive(reply);
            } catch (SocketTimeoutException e) {
                return false;
            }
            return new String(buf, 0, reply.getLength(), StandardCharsets.US_ASCII).startsWith("SIP/2.0 200");
        }
    }
}
