package rock.intercom.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.settings.Proxy;
import rock.intercom.settings.Transport;
import rock.intercom.sip.testing.KamailioServer;
import rock.intercom.sip.testing.TestCertificates;

/**
 * Guide step 8: every request goes through the outbound proxy (a second Kamailio), whose 407 is
 * answered with the proxy credentials while the registrar's 401 gets the identity credentials.
 */
class OutboundProxyTest {

    private static final String PROXY_USER = "doorproxy";
    private static final String PROXY_PASSWORD = "proxy-secret-7";

    @TempDir
    static Path dir;
    static KamailioServer registrar;
    static KamailioServer proxy;

    @BeforeAll
    static void startKamailios() {
        TestCertificates certificates = TestCertificates.generate(dir.resolve("certs"));
        registrar = KamailioServer.registrar(dir.resolve("registrar"),
                Map.of(TestSettings.EXTENSION, TestSettings.PASSWORD), "MD5", 3600, certificates).start();
        proxy = KamailioServer.outboundProxy(dir.resolve("proxy"), PROXY_USER, PROXY_PASSWORD).start();
    }

    @AfterAll
    static void stopKamailios() {
        if (proxy != null) {
            proxy.close();
        }
        if (registrar != null) {
            registrar.close();
        }
    }

    private static Proxy proxy(String password) {
        return new Proxy(true, "127.0.0.1", proxy.udpPort(), PROXY_USER, password);
    }

    @Test
    void registersThroughTheProxyAnsweringBoth407And401() {
        int proxiedBefore = proxy.receivedCount("REGISTER");
        try (SipAgent agent = new SipAgent(TestSettings.fastOptions())) {
            agent.start(TestSettings.device(
                    TestSettings.server("127.0.0.1", registrar.udpPort(), Transport.UDP, 1, null),
                    TestSettings.identity(TestSettings.PASSWORD), proxy(PROXY_PASSWORD)));

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> agent.registrationStatus().state() == RegistrationState.REGISTERED);
            // REGISTER → 407, + proxy credentials → 401 (relayed), + both → 200: three through the proxy.
            assertThat(proxy.receivedCount("REGISTER") - proxiedBefore).isEqualTo(3);
            // Keepalives go through the proxy too, and come back answered by the registrar.
            await().atMost(Duration.ofSeconds(4)).until(() -> proxy.receivedCount("OPTIONS") > 0
                    && registrar.receivedCount("OPTIONS") > 0 && agent.registrationStatus().lastKeepaliveRtt() != null);
            assertThat(agent.registrationStatus().state()).isEqualTo(RegistrationState.REGISTERED);
        }
    }

    @Test
    void wrongProxyPasswordFailsWithProxyReason() {
        try (SipAgent agent = new SipAgent(TestSettings.fastOptions())) {
            agent.start(TestSettings.device(
                    TestSettings.server("127.0.0.1", registrar.udpPort(), Transport.UDP, 30, null),
                    TestSettings.identity(TestSettings.PASSWORD), proxy("not-the-proxy-password")));

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> agent.registrationStatus().state() == RegistrationState.FAILED);
            assertThat(agent.registrationStatus().lastFailureReason())
                    .isEqualTo("proxy authentication rejected: wrong proxy username or password");
        }
    }
}
