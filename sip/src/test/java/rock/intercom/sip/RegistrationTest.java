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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.SipServer;
import rock.intercom.settings.Transport;
import rock.intercom.testkit.KamailioServer;
import rock.intercom.testkit.TestCertificates;
import rock.intercom.testkit.TestDevices;

/** Registration against a real Kamailio registrar (MD5 digest) over UDP, TCP and TLS. */
class RegistrationTest {

    @TempDir
    static Path dir;
    static TestCertificates certificates;
    static KamailioServer kamailio;
    static KamailioServer expiredKamailio;

    @BeforeAll
    static void startKamailio() {
        certificates = TestCertificates.generate(dir.resolve("certs"));
        Map<String, String> users = Map.of(TestDevices.REGISTERING_EXTENSION, TestDevices.REGISTERING_PASSWORD);
        kamailio = KamailioServer.registrar(dir.resolve("kamailio"), users, "MD5", 3600, certificates).start();
        expiredKamailio = KamailioServer.registrar(dir.resolve("expired"), users, "MD5", 3600,
                certificates.withExpiredServerCertificate()).start();
    }

    @AfterAll
    static void stopKamailio() {
        if (kamailio != null) {
            kamailio.close();
        }
        if (expiredKamailio != null) {
            expiredKamailio.close();
        }
    }

    private static SipServer server(Transport transport) {
        return switch (transport) {
            case UDP -> TestDevices.server("127.0.0.1", kamailio.udpPort(), transport, 30, null);
            case TCP -> TestDevices.server("127.0.0.1", kamailio.tcpPort(), transport, 30, null);
            case TLS -> TestDevices.server(TestCertificates.SERVER_NAME, kamailio.tlsPort(), transport, 30,
                    certificates.caPem());
        };
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void registersOverEachTransport(Transport transport) {
        List<RegistrationChange> changes = new CopyOnWriteArrayList<>();
        try (SipAgent agent = new SipAgent(AgentTimings.fast())) {
            agent.addRegistrationListener(changes::add);
            agent.start(TestDevices.registering(server(transport)));

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> agent.registrationStatus().state() == RegistrationState.REGISTERED);
            RegistrationStatus status = agent.registrationStatus();
            assertThat(status.transport()).isEqualTo(transport);
            assertThat(status.lastSuccess()).isNotNull();
            assertThat(status.server()).endsWith(":" + server(transport).port());
            assertThat(changes).singleElement().isInstanceOf(RegistrationChange.Registered.class);
        }
    }

    @Test
    void wrongPasswordFailsWithReasonAndDoesNotStorm() {
        int before = kamailio.receivedCount("REGISTER");
        try (SipAgent agent = new SipAgent(AgentTimings.fast())) {
            DeviceSettings settings = TestDevices.registering(server(Transport.UDP), TestDevices.identity("wrong"), null);
            agent.start(settings);

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> agent.registrationStatus().state() == RegistrationState.FAILED);
            assertThat(agent.registrationStatus().lastFailureReason())
                    .isEqualTo("authentication rejected: wrong username or password");
            // One unauthenticated REGISTER and one answer to the challenge; then quiet for the retry pause.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
                    .until(() -> kamailio.receivedCount("REGISTER") - before == 2);
            assertThat(agent.registrationStatus().state()).isEqualTo(RegistrationState.FAILED);
        }
    }

    @Test
    void tlsWithWrongCaFailsAsNotTrusted() {
        try (SipAgent agent = new SipAgent(AgentTimings.fast())) {
            agent.start(TestDevices.registering(TestDevices.server(TestCertificates.SERVER_NAME, kamailio.tlsPort(),
                    Transport.TLS, 30, certificates.otherCaPem())));

            await().atMost(Duration.ofSeconds(8))
                    .until(() -> agent.registrationStatus().state() == RegistrationState.FAILED);
            assertThat(agent.registrationStatus().lastFailureReason()).isEqualTo("certificate not trusted");
        }
    }

    @Test
    void tlsToAnAddressTheCertificateDoesNotNameFailsAsHostNameMismatch() {
        try (SipAgent agent = new SipAgent(AgentTimings.fast())) {
            agent.start(TestDevices.registering(TestDevices.server("127.0.0.1", kamailio.tlsPort(), Transport.TLS, 30,
                    certificates.caPem())));

            await().atMost(Duration.ofSeconds(8))
                    .until(() -> agent.registrationStatus().state() == RegistrationState.FAILED);
            assertThat(agent.registrationStatus().lastFailureReason()).isEqualTo("host name mismatch");
        }
    }

    @Test
    void tlsWithAnExpiredServerCertificateFailsAsExpired() {
        try (SipAgent agent = new SipAgent(AgentTimings.fast())) {
            agent.start(TestDevices.registering(TestDevices.server(TestCertificates.SERVER_NAME, expiredKamailio.tlsPort(),
                    Transport.TLS, 30, certificates.caPem())));

            await().atMost(Duration.ofSeconds(8))
                    .until(() -> agent.registrationStatus().state() == RegistrationState.FAILED);
            assertThat(agent.registrationStatus().lastFailureReason()).isEqualTo("expired");
        }
    }

    @Test
    void transportChangesLiveFromUdpToTls() {
        List<RegistrationChange> changes = new CopyOnWriteArrayList<>();
        try (SipAgent agent = new SipAgent(AgentTimings.fast())) {
            agent.addRegistrationListener(changes::add);
            agent.start(TestDevices.registering(server(Transport.UDP)));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> agent.registrationStatus().state() == RegistrationState.REGISTERED);
            int registersBefore = kamailio.receivedCount("REGISTER");

            agent.apply(TestDevices.registering(server(Transport.TLS)));

            await().atMost(Duration.ofSeconds(8)).until(() -> agent.registrationStatus().transport() == Transport.TLS
                    && agent.registrationStatus().state() == RegistrationState.REGISTERED);
            // The old UDP binding was removed (REGISTER Expires 0, challenged) before the TLS one was made.
            assertThat(kamailio.receivedCount("REGISTER") - registersBefore).isGreaterThanOrEqualTo(3);
            assertThat(changes).map(c -> c.getClass().getSimpleName())
                    .containsExactly("Registered", "RegistrationLost", "Registered");
            assertThat(((RegistrationChange.RegistrationLost) changes.get(1)).reason()).isEqualTo("settings changed");
        }
    }

    @Test
    void disablingSipUnregisters() {
        List<RegistrationChange> changes = new CopyOnWriteArrayList<>();
        try (SipAgent agent = new SipAgent(AgentTimings.fast())) {
            agent.addRegistrationListener(changes::add);
            DeviceSettings settings = TestDevices.registering(server(Transport.TCP));
            agent.start(settings);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> agent.registrationStatus().state() == RegistrationState.REGISTERED);
            int registersBefore = kamailio.receivedCount("REGISTER");

            agent.apply(TestDevices.disabled(settings));

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> agent.registrationStatus().state() == RegistrationState.DISABLED);
            assertThat(kamailio.receivedCount("REGISTER")).isGreaterThan(registersBefore);
            assertThat(kamailio.log()).containsPattern("REQ REGISTER from \\S+ over tcp expires=\\[0\\] auth=\\[Digest");
            assertThat(changes).last().isInstanceOfSatisfying(RegistrationChange.RegistrationLost.class,
                    lost -> assertThat(lost.reason()).isEqualTo("SIP disabled"));
        }
    }
}
