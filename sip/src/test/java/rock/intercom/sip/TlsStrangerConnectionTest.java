package rock.intercom.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.settings.Transport;
import rock.intercom.testkit.KamailioServer;
import rock.intercom.testkit.TestCertificates;
import rock.intercom.testkit.TestDevices;

/**
 * Over TLS the door accepts requests only on the connection it opened itself and verified (CA and
 * host name): it holds no certificate of its own, so a stranger who opens a TLS connection to the
 * door — even from the server's address — has it closed at once ({@code RefusingTlsServerSocket}),
 * never completes a handshake, and no INVITE can arrive outside the verified connection (issue 11).
 */
class TlsStrangerConnectionTest {

    @TempDir
    static Path dir;
    static KamailioServer kamailio;
    static TestCertificates certificates;

    @BeforeAll
    static void start() {
        certificates = TestCertificates.generate(dir.resolve("certs"));
        kamailio = KamailioServer.registrar(dir.resolve("kamailio"),
                Map.of(TestDevices.REGISTERING_EXTENSION, TestDevices.REGISTERING_PASSWORD), "MD5", 3600, certificates)
                .start();
    }

    @AfterAll
    static void stop() {
        if (kamailio != null) {
            kamailio.close();
        }
    }

    @Test
    void aStrangersTlsConnectionToTheDoorNeverCompletesItsHandshake() throws Exception {
        try (SipAgent agent = new SipAgent(AgentTimings.fast())) {
            agent.start(TestDevices.registering(TestDevices.server(TestCertificates.SERVER_NAME, kamailio.tlsPort(),
                    Transport.TLS, 30, certificates.caPem())));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> agent.registrationStatus().state() == RegistrationState.REGISTERED);
            assertThat(agent.registrationStatus().transport()).isEqualTo(Transport.TLS);

            SSLContext trustingEverything = SSLContext.getInstance("TLS");
            trustingEverything.init(null, new TrustManager[] {new TrustAll()}, null);
            assertThatThrownBy(() -> {
                try (Socket plain = new Socket()) {
                    plain.connect(new InetSocketAddress("127.0.0.1", agent.localPort()), 2000);
                    try (SSLSocket tls = (SSLSocket) trustingEverything.getSocketFactory()
                            .createSocket(plain, "127.0.0.1", agent.localPort(), false)) {
                        tls.setSoTimeout(2000);
                        tls.startHandshake();
                    }
                }
            }).isInstanceOf(java.io.IOException.class); // closed at once: a reset, or the handshake's SSLException
            // The door's own verified connection is unaffected.
            assertThat(agent.registrationStatus().state()).isEqualTo(RegistrationState.REGISTERED);
        }
    }

    /** A client that would accept any server: only the door's side can stop the handshake. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
