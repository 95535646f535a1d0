package rock.intercom.sip.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rock.intercom.settings.IncomingCallMode;
import rock.intercom.settings.Transport;
import rock.intercom.testkit.FreePorts;
import rock.intercom.testkit.TestDevices;

/**
 * A stranger on the LAN sends requests that belong to no call the door knows (BYE, CANCEL, INFO,
 * a re-INVITE), each with a fresh Call-ID, as fast as it likes: every one gets 481 (RFC 3261
 * §12.2.2, §9.2, §14.2), and the door keeps no server transaction for any of them (before, each
 * stayed 32 s, Timer J: a 200/s flood pinned 6,400).
 */
class StrangersOutsideACallTest {
    private static final int REQUESTS = 300;

    private DeviceStack device;
    private CallDialogs dialogs;
    private int port;

    @BeforeEach
    void startDevice() throws Exception {
        port = FreePorts.tcpAndUdp();
        device = new DeviceStack(TestDevices.withIncoming(TestDevices.local(FreePorts.tcpAndUdp(), Transport.UDP,
                TestDevices.LOCAL_PASSWORD), IncomingCallMode.EXTENSION_LIST, List.of("sip:555@127.0.0.1")), port);
        dialogs = new CallDialogs(device, new FixedPcmuSdp());
        device.attach(dialogs);
        dialogs.signalling().start(new CallInputRecorder());
    }

    @AfterEach
    void stopDevice() {
        dialogs.close();
        device.close();
    }

    private String request(String method, int i, int from) {
        String cseq = method.equals("CANCEL") ? "1 CANCEL" : "2 " + method;
        String toTag = method.equals("CANCEL") ? "" : ";tag=door" + i;
        return method + " sip:100@127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + from + ";branch=z9hG4bK-" + method + "-" + i + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:666@127.0.0.1>;tag=stranger" + i + "\r\n"
                + "To: <sip:100@127.0.0.1>" + toTag + "\r\n"
                + "Call-ID: stranger-" + method + "-" + i + "@192.0.2.66\r\nCSeq: " + cseq + "\r\n"
                + "Contact: <sip:666@127.0.0.1:" + from + ">\r\nContent-Length: 0\r\n\r\n";
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"BYE", "CANCEL", "INFO", "INVITE"})
    void eachGets481AndLeavesNoTransaction(String method) throws Exception {
        Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        try (DatagramSocket stranger = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            stranger.setSoTimeout(200);
            Thread reader = new Thread(() -> {
                byte[] buffer = new byte[4096];
                while (!stranger.isClosed()) {
                    DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                    try {
                        stranger.receive(p);
                        String first = new String(buffer, 0, p.getLength(), StandardCharsets.US_ASCII).split("\r\n", 2)[0];
                        statuses.computeIfAbsent(first, k -> new AtomicInteger()).incrementAndGet();
                    } catch (SocketTimeoutException e) {
                        // keep reading until closed
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            }, "stranger-reader");
            reader.start();
            int maxLive = 0;
            for (int i = 0; i < REQUESTS; i++) {
                byte[] b = request(method, i, stranger.getLocalPort()).getBytes(StandardCharsets.US_ASCII);
                stranger.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), port));
                Thread.sleep(2); // ~400 a second: a flood, not more than one UDP socket buffer holds
                if (i % 25 == 0) {
                    maxLive = Math.max(maxLive, device.liveServerTransactions());
                }
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> statuses.values().stream()
                    .mapToInt(AtomicInteger::get).sum() >= REQUESTS * 9 / 10);
            maxLive = Math.max(maxLive, device.liveServerTransactions());
            stranger.close();
            reader.join(2000);
            assertThat(statuses.keySet()).allMatch(status -> status.startsWith("SIP/2.0 481 "));
            assertThat(maxLive).as("server transactions kept for the stranger's requests").isZero();
        }
    }
}
