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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.settings.Transport;
import rock.intercom.testkit.KamailioServer;
import rock.intercom.testkit.TestCertificates;
import rock.intercom.testkit.TestDevices;

/**
 * A registrar that challenges with SHA-256 (RFC 7616) and grants only 2 s although the device asks
 * for 600: the grant wins, so the device refreshes about every second and stays registered.
 */
class RefreshAndSha256Test {

    @TempDir
    static Path dir;
    static KamailioServer kamailio;

    @BeforeAll
    static void startKamailio() {
        TestCertificates certificates = TestCertificates.generate(dir.resolve("certs"));
        kamailio = KamailioServer.registrar(dir.resolve("kamailio"),
                Map.of(TestDevices.REGISTERING_EXTENSION, TestDevices.REGISTERING_PASSWORD), "SHA-256", 2, certificates).start();
    }

    @AfterAll
    static void stopKamailio() {
        if (kamailio != null) {
            kamailio.close();
        }
    }

    @Test
    void registersWithSha256AndRefreshesOnTheGrantedExpiry() {
        List<RegistrationChange> changes = new CopyOnWriteArrayList<>();
        try (SipAgent agent = new SipAgent(AgentTimings.fast())) {
            agent.addRegistrationListener(changes::add);
            agent.start(TestDevices.registering(TestDevices.server("127.0.0.1", kamailio.tcpPort(), Transport.TCP, 30,
                    null)));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> agent.registrationStatus().state() == RegistrationState.REGISTERED);
            int registersAtStart = kamailio.receivedCount("REGISTER");

            // Refreshes reuse the nonce (nc 2, 3, ...) or answer a stale=true challenge; never fail.
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5))
                    .until(() -> agent.registrationStatus().state() == RegistrationState.REGISTERED);
            assertThat(kamailio.receivedCount("REGISTER") - registersAtStart).isBetween(3, 12);
            assertThat(changes).singleElement().isInstanceOf(RegistrationChange.Registered.class);
            assertThat(kamailio.log()).contains("algorithm=SHA-256").doesNotContain("AUTH failed for 1001 code -2");
        }
    }
}
