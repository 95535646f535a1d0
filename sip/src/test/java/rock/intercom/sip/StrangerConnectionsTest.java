package rock.intercom.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.IncomingCallMode;
import rock.intercom.settings.Transport;
import rock.intercom.testkit.KamailioServer;
import rock.intercom.testkit.TestCertificates;
import rock.intercom.testkit.TestDevices;

/**
 * A stranger on the LAN opens connections to the door's SIP port while it is registered over TCP
 * (Kamailio on 127.0.0.1; the stranger on 127.0.0.2, another address of this host): the door
 * closes them at once, before its SIP stack gives them threads, and stays registered. The server's
 * own address may connect back, a bounded number of times; others only while direct calls are
 * accepted. Over TLS (the door has no certificate) nobody's connection is kept.
 */
class StrangerConnectionsTest {
    private static final int STRANGER_CONNECTIONS = 300;

    @TempDir
    static Path dir;
    static KamailioServer kamailio;
    private final List<Socket> opened = new ArrayList<>();

    @BeforeAll
    static void start() {
        kamailio = KamailioServer.registrar(dir.resolve("kamailio"),
                Map.of(TestDevices.REGISTERING_EXTENSION, TestDevices.REGISTERING_PASSWORD), "MD5", 3600,
                TestCertificates.generate(dir.resolve("certs"))).start();
    }

    @AfterAll
    static void stop() {
        if (kamailio != null) {
            kamailio.close();
        }
    }

    @AfterEach
    void closeOpened() throws IOException {
        for (Socket s : opened) {
            s.close();
        }
    }

    private static DeviceSettings overTcp() {
        return TestDevices.registering(TestDevices.server("127.0.0.1", kamailio.tcpPort(), Transport.TCP, 30, null));
    }

    private static SipAgent registered(DeviceSettings settings) {
        SipAgent agent = new SipAgent(AgentTimings.fast());
        agent.start(settings);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> agent.registrationStatus().state() == RegistrationState.REGISTERED);
        return agent;
    }

    private static long openFiles() throws IOException {
        try (var files = Files.list(Path.of("/proc/self/fd"))) {
            return files.count();
        }
    }

    private static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** Opens {@code n} connections from {@code from} to the door's SIP port and keeps them. */
    private List<Socket> connect(String from, int port, int n) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Socket s = new Socket();
            s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            try {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            } catch (java.net.SocketException e) {
                // reset by the door before our side saw the connection complete: closed at once
            }
            sockets.add(s);
            opened.add(s);
        }
        return sockets;
    }

    /** Whether the door still holds the connection open: a read waits (timeout) instead of ending. */
    private static boolean keptOpen(Socket s) throws IOException {
        s.setSoTimeout(300);
        try {
            return s.getInputStream().read() >= 0;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false; // reset by the door
        }
    }

    private static void awaitOptionsAnswered(SipAgent agent) {
        AtomicBoolean answered = new AtomicBoolean();
        assertThat(agent.probe(() -> answered.set(true))).isTrue();
        await().atMost(Duration.ofSeconds(5)).untilTrue(answered);
    }

    @Test
    void aStrangersConnectionsAreClosedAtOnceAndCostTheDoorNoThreads() throws Exception {
        try (SipAgent agent = registered(overTcp())) {
            int threadsBefore = threads();
            long filesBefore = openFiles();
            List<Socket> strangers = connect("127.0.0.2", agent.localPort(), STRANGER_CONNECTIONS);
            await().atMost(Duration.ofSeconds(10)).until(() -> !keptOpen(strangers.get(strangers.size() - 1)));
            // Our own client ends of the connections are in this JVM too: count only the door's side.
            assertThat(threads()).as("threads").isLessThan(threadsBefore + 10);
            assertThat(openFiles() - STRANGER_CONNECTIONS).as("open files").isLessThan(filesBefore + 10);
            for (Socket s : strangers.subList(0, 20)) {
                assertThat(keptOpen(s)).isFalse();
            }
            assertThat(agent.registrationStatus().state()).isEqualTo(RegistrationState.REGISTERED);
            awaitOptionsAnswered(agent);
        }
    }

    @Test
    void theServersAddressMayConnectBackBoundedAndOthersOnlyForDirectCalls() throws Exception {
        try (SipAgent agent = registered(TestDevices.withDirectCalls(TestDevices.withIncoming(overTcp(),
                IncomingCallMode.EXTENSION_LIST, List.of("200"))))) {
            List<Socket> fromServer = connect("127.0.0.1", agent.localPort(), InboundConnections.MAX_FROM_SERVER + 4);
            List<Socket> direct = connect("127.0.0.2", agent.localPort(), InboundConnections.MAX_DIRECT + 4);
            long keptFromServer = 0;
            for (Socket s : fromServer) {
                keptFromServer += keptOpen(s) ? 1 : 0;
            }
            long keptDirect = 0;
            for (Socket s : direct) {
                keptDirect += keptOpen(s) ? 1 : 0;
            }
            assertThat(keptFromServer).isEqualTo(InboundConnections.MAX_FROM_SERVER);
            assertThat(keptDirect).isEqualTo(InboundConnections.MAX_DIRECT);
            // A place is given back when a connection closes.
            fromServer.get(0).close();
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                Socket again = connect("127.0.0.1", agent.localPort(), 1).get(0);
                return keptOpen(again);
            });
            awaitOptionsAnswered(agent);
        }
    }
}
