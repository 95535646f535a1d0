package rock.intercom.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
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
import rock.intercom.testkit.StrangerSockets;
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
    private final StrangerSockets strangers = new StrangerSockets();

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
    void closeStrangers() throws IOException {
        strangers.close();
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

    private static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
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
            long filesBefore = StrangerSockets.openFiles();
            List<Socket> stranger = strangers.connect("127.0.0.2", agent.localPort(), STRANGER_CONNECTIONS);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !StrangerSockets.keptOpen(stranger.get(stranger.size() - 1)));
            // Our own client ends of the connections are in this JVM too: count only the door's side.
            assertThat(threads()).as("threads").isLessThan(threadsBefore + 10);
            assertThat(StrangerSockets.openFiles() - STRANGER_CONNECTIONS).as("open files")
                    .isLessThan(filesBefore + 10);
            assertThat(StrangerSockets.keptOpen(stranger.subList(0, 20))).isZero();
            assertThat(agent.registrationStatus().state()).isEqualTo(RegistrationState.REGISTERED);
            awaitOptionsAnswered(agent);
        }
    }

    @Test
    void theServersAddressMayConnectBackBoundedAndOthersOnlyForDirectCalls() throws Exception {
        try (SipAgent agent = registered(TestDevices.withDirectCalls(TestDevices.withIncoming(overTcp(),
                IncomingCallMode.EXTENSION_LIST, List.of("200"))))) {
            List<Socket> fromServer = strangers.connect("127.0.0.1", agent.localPort(),
                    InboundConnections.MAX_FROM_SERVER + 4);
            List<Socket> direct = strangers.connect("127.0.0.2", agent.localPort(), InboundConnections.MAX_DIRECT + 4);
            assertThat(StrangerSockets.keptOpen(fromServer)).isEqualTo(InboundConnections.MAX_FROM_SERVER);
            assertThat(StrangerSockets.keptOpen(direct)).isEqualTo(InboundConnections.MAX_DIRECT);
            // A place is given back when a connection closes.
            fromServer.get(0).close();
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                Socket again = strangers.connect("127.0.0.1", agent.localPort(), 1).get(0);
                return StrangerSockets.keptOpen(again);
            });
            awaitOptionsAnswered(agent);
        }
    }
}
