package rock.intercom.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import rock.intercom.settings.Transport;
import rock.intercom.testkit.KamailioServer;
import rock.intercom.testkit.TestCertificates;
import rock.intercom.testkit.TestDevices;

/**
 * The detection bound of issue 3: offline no later than polling interval + 5 s after the server
 * stops answering, registered again within 2 s of it coming back. Kamailio is really stopped and
 * started again on the same ports (it forgets every binding in between).
 */
class ServerOutageTest {

    private static final int POLLING_SECONDS = 2;

    @TempDir
    static Path dir;
    static KamailioServer kamailio;
    static TestCertificates certificates;

    @BeforeAll
    static void startKamailio() {
        certificates = TestCertificates.generate(dir.resolve("certs"));
        kamailio = KamailioServer.registrar(dir.resolve("kamailio"),
                Map.of(TestDevices.REGISTERING_EXTENSION, TestDevices.REGISTERING_PASSWORD), "MD5", 3600, certificates).start();
    }

    @AfterAll
    static void stopKamailio() {
        if (kamailio != null) {
            kamailio.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void goesOfflineWithinBoundAndComesBackWithinTwoSeconds(Transport transport) {
        List<RegistrationChange> changes = new CopyOnWriteArrayList<>();
        try (SipAgent agent = new SipAgent(SipAgentOptions.onPort(0))) {
            agent.addRegistrationListener(changes::add);
            agent.start(TestDevices.registering(transport == Transport.TLS
                    ? TestDevices.server(TestCertificates.SERVER_NAME, kamailio.tlsPort(), transport, POLLING_SECONDS,
                            certificates.caPem())
                    : TestDevices.server("127.0.0.1", kamailio.udpPort(), transport, POLLING_SECONDS, null)));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> agent.registrationStatus().state() == RegistrationState.REGISTERED);
            await().atMost(Duration.ofSeconds(POLLING_SECONDS + 2))
                    .until(() -> agent.registrationStatus().lastKeepaliveRtt() != null);

            kamailio.stop();
            long stopped = System.nanoTime();
            await().atMost(Duration.ofSeconds(POLLING_SECONDS + 5))
                    .until(() -> agent.registrationStatus().state() == RegistrationState.UNREGISTERED);
            long detectedMillis = (System.nanoTime() - stopped) / 1_000_000;
            assertThat(changes).last().isInstanceOf(RegistrationChange.RegistrationLost.class);
            // Let the agent back off to its cap before the server returns.
            await().pollDelay(Duration.ofSeconds(2)).until(() -> true);

            kamailio.start();
            long started = System.nanoTime();
            await().atMost(Duration.ofSeconds(2))
                    .until(() -> agent.registrationStatus().state() == RegistrationState.REGISTERED);
            long backMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(changes).last().isInstanceOf(RegistrationChange.Registered.class);
            System.out.printf("MEASURED %s: offline after %d ms (bound %d ms), registered %d ms after restart%n",
                    transport, detectedMillis, (POLLING_SECONDS + 5) * 1000, backMillis);
        } finally {
            if (!kamailio.isRunning()) {
                kamailio.start();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"TCP", "TLS"})
    void registersAgainWhenAQuickRestartDropsTheConnection(Transport transport) {
        try (SipAgent agent = new SipAgent(SipAgentOptions.onPort(0))) {
            agent.start(TestDevices.registering(transport == Transport.TLS
                    ? TestDevices.server(TestCertificates.SERVER_NAME, kamailio.tlsPort(), transport, POLLING_SECONDS,
                            certificates.caPem())
                    : TestDevices.server("127.0.0.1", kamailio.tcpPort(), transport, POLLING_SECONDS, null)));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> agent.registrationStatus().state() == RegistrationState.REGISTERED);

            // Restarted between two keepalives: the new Kamailio knows no binding and the old connection is gone.
            kamailio.stop();
            kamailio.start();

            await().atMost(Duration.ofSeconds(POLLING_SECONDS + 3))
                    .until(() -> kamailio.receivedCount("REGISTER") > 0
                            && agent.registrationStatus().state() == RegistrationState.REGISTERED);
        } finally {
            if (!kamailio.isRunning()) {
                kamailio.start();
            }
        }
    }
}
