package rock.intercom.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.events.NewEvent;
import rock.intercom.events.SecurityEventName;
import rock.intercom.events.SqliteEventStore;
import rock.intercom.testkit.TestCertificates;

/**
 * Security events leave the durable store for a syslog receiver — an in-test socket speaking
 * UDP (RFC 5426), TCP with octet counting (RFC 6587) and TLS (RFC 5425) — as RFC 5424 messages.
 */
class SyslogForwarderTest {

    private static final String HEADER = "^<(\\d+)>1 \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z rockx-505 "
            + "rock-intercom \\d+ ";

    @TempDir
    Path dir;
    private SqliteEventStore events;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private SyslogForwarder forwarder;

    @BeforeEach
    void open() {
        events = SqliteEventStore.open(dir);
    }

    @AfterEach
    void close() {
        if (forwarder != null) {
            forwarder.close();
        }
        events.close();
    }

    @Test
    void overUdpEachStoredEventIsOneRfc5424DatagramAndNetworkTextCannotForgeAnother() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            receiver.setSoTimeout(5000);
            forwarder = SyslogForwarder.start(SyslogTarget.parse("udp://127.0.0.1:" + receiver.getLocalPort(), null),
                    "rockx-505", events, registry);
            long id = events.append(NewEvent.of("rockx-505", SecurityEventName.DIALING, Map.of("number", "400"))).id();
            events.append(NewEvent.of("rockx-505", SecurityEventName.CALL_REJECTED,
                    Map.of("caller", "sip:x\"] [evil@1 a=\"b\"]\n<13>1 forged", "sipStatus", 403)));

            String dialing = receive(receiver);
            assertThat(dialing).matches(HEADER + "Dialing \\[event@32473 id=\"" + id
                    + "\" device=\"rockx-505\" name=\"Dialing\"\\]\\[details@32473 number=\"400\"\\] Dialing$");
            assertThat(dialing).startsWith("<85>"); // authpriv.notice
            String rejected = receive(receiver);
            assertThat(rejected).startsWith("<84>") // authpriv.warning
                    .matches(HEADER + "CallRejected .*")
                    .doesNotContain("\n")
                    .contains("caller=\"sip:x\\\"\\] [evil@1 a=\\\"b\\\"\\] <13>1 forged\"")
                    .contains("sipStatus=\"403\"");
        }
    }

    @Test
    void overTcpMessagesAreOctetCountedInOrderAndAReceiverRestartLosesNothing() throws Exception {
        try (ServerSocket receiver = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            forwarder = SyslogForwarder.start(SyslogTarget.parse("tcp://127.0.0.1:" + receiver.getLocalPort(), null),
                    "rockx-505", events, registry);
            for (SecurityEventName name : List.of(SecurityEventName.DIALING, SecurityEventName.CALL_ESTABLISHED,
                    SecurityEventName.HANGING_UP)) {
                events.append(NewEvent.of("rockx-505", name, Map.of("number", "400")));
            }
            try (Socket first = accept(receiver)) {
                DataInputStream in = new DataInputStream(first.getInputStream());
                assertThat(frame(in)).contains(" Dialing [event@32473");
                assertThat(frame(in)).contains(" CallEstablished [event@32473");
                assertThat(frame(in)).contains(" HangingUp [event@32473");
            }
            // The receiver went away (restart); the next event arrives on a new connection.
            events.append(NewEvent.of("rockx-505", SecurityEventName.REGISTRATION_LOST, Map.of("reason", "timeout")));
            try (Socket second = accept(receiver)) {
                assertThat(frame(new DataInputStream(second.getInputStream()))).contains(" RegistrationLost [event@");
            }
            // The receiver may read the last frame a moment before the forwarder counts it as sent.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> forwarder.report().path("sent").asLong() == 4);
            assertThat(forwarder.report().path("dropped").asLong()).isZero();
        }
    }

    @Test
    void aFloodOfEventsIsRateLimitedAndTheDropsAreCountedAndReported() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            receiver.setSoTimeout(5000);
            forwarder = SyslogForwarder.start(SyslogTarget.parse("udp://127.0.0.1:" + receiver.getLocalPort(), null),
                    "rockx-505", events, registry, 10, new TokenBucket(0, 2, System::nanoTime));
            for (int i = 0; i < 5; i++) {
                events.append(NewEvent.of("rockx-505", SecurityEventName.CALL_REJECTED, Map.of("caller", "sip:" + i)));
            }
            assertThat(receive(receiver)).contains("caller=\"sip:0\"");
            assertThat(receive(receiver)).contains("caller=\"sip:1\"");
            assertThat(registry.get("intercom_syslog_dropped").tag("reason", "rate_limited").counter().count())
                    .isEqualTo(3);
            assertThat(forwarder.report().path("dropped").asLong()).isEqualTo(3);
            // All five are still in the store: only forwarding is bounded.
            assertThat(events.query(rock.intercom.events.EventQuery.newest(10))).hasSize(5);
        }
    }

    @Test
    void overTlsTheReceiversChainAndNameAreCheckedBeforeAnythingIsSent() throws Exception {
        TestCertificates certificates = TestCertificates.generate(dir.resolve("certs"));
        try (SSLServerSocket receiver = tlsReceiver(certificates)) {
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            Thread acceptor = new Thread(() -> acceptFrames(receiver, received), "tls-receiver");
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "tls://" + TestCertificates.SERVER_NAME + ":" + receiver.getLocalPort();

            forwarder = SyslogForwarder.start(SyslogTarget.parse(url, certificates.otherCaPem()), "rockx-505", events,
                    registry);
            events.append(NewEvent.of("rockx-505", SecurityEventName.DIALING, Map.of("number", "400")));
            await().atMost(Duration.ofSeconds(10)).until(() -> forwarder.report().path("dropped").asLong() == 1);
            assertThat(forwarder.report().path("lastError").asText()).containsIgnoringCase("certificat");
            forwarder.close();

            forwarder = SyslogForwarder.start(SyslogTarget.parse(url, certificates.caPem()), "rockx-505", events,
                    new SimpleMeterRegistry());
            events.append(NewEvent.of("rockx-505", SecurityEventName.CALL_ESTABLISHED, Map.of("number", "400")));
            String message = received.poll(10, TimeUnit.SECONDS);
            assertThat(message).matches(HEADER + "CallEstablished .*");
            assertThat(received).isEmpty(); // the event sent to the untrusted receiver never arrived
        }
    }

    private static String receive(DatagramSocket receiver) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
        receiver.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    private static Socket accept(ServerSocket receiver) throws IOException {
        receiver.setSoTimeout(10_000);
        Socket socket = receiver.accept();
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** RFC 6587 §3.4.1: MSG-LEN SP SYSLOG-MSG. */
    private static String frame(DataInputStream in) throws IOException {
        StringBuilder length = new StringBuilder();
        for (int c = in.read(); c != ' '; c = in.read()) {
            assertThat(c).as("frame length digit").isBetween((int) '0', (int) '9');
            length.append((char) c);
        }
        byte[] message = new byte[Integer.parseInt(length.toString())];
        in.readFully(message);
        return new String(message, StandardCharsets.UTF_8);
    }

    private static void acceptFrames(ServerSocket receiver, BlockingQueue<String> received) {
        while (!receiver.isClosed()) {
            try (Socket socket = receiver.accept()) {
                DataInputStream in = new DataInputStream(socket.getInputStream());
                while (true) {
                    received.add(frame(in));
                }
            } catch (IOException | AssertionError e) {
                // A refused handshake or a closed connection: wait for the next one.
            }
        }
    }

    private SSLServerSocket tlsReceiver(TestCertificates certificates) throws Exception {
        Path p12 = dir.resolve("certs").resolve("server.p12");
        Process export = new ProcessBuilder("openssl", "pkcs12", "-export", "-in",
                certificates.serverCertificate().toString(), "-inkey", certificates.serverKey().toString(),
                "-out", p12.toString(), "-passout", "pass:receiver").redirectErrorStream(true).start();
        assertThat(export.waitFor(60, TimeUnit.SECONDS) && export.exitValue() == 0)
                .as(new String(export.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isTrue();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            keys.load(in, "receiver".toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, "receiver".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 5,
                InetAddress.getLoopbackAddress());
    }
}
