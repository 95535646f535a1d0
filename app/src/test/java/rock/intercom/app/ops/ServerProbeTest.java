package rock.intercom.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.settings.Transport;
import rock.intercom.testkit.TestCertificates;

/** The self-test's TLS step against an in-test TLS server: the right CA passes, others and wrong names do not. */
class ServerProbeTest {

    @TempDir
    Path dir;

    @Test
    void theTlsStepChecksTheChainAndTheHostName() throws Exception {
        TestCertificates certificates = TestCertificates.generate(dir.resolve("certs"));
        try (SSLServerSocket server = tlsServer(certificates)) {
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket socket = server.accept()) {
                        ((javax.net.ssl.SSLSocket) socket).startHandshake();
                    } catch (Exception e) {
                        // refused handshakes are the point of two of the cases
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            int port = server.getLocalPort();

            ServerProbe.Result trusted = ServerProbe.tls(TestCertificates.SERVER_NAME, port, certificates.caPem());
            assertThat(trusted.answered()).as(trusted.detail()).isTrue();
            assertThat(trusted.detail()).startsWith("chain and host name verified: CN=localhost");

            ServerProbe.Result otherCa = ServerProbe.tls(TestCertificates.SERVER_NAME, port, certificates.otherCaPem());
            assertThat(otherCa.answered()).isFalse();
            assertThat(otherCa.detail()).startsWith("TLS refused: ").containsIgnoringCase("certification path");

            // 127.0.0.1 is not a name the certificate carries.
            ServerProbe.Result wrongName = ServerProbe.tls("127.0.0.1", port, certificates.caPem());
            assertThat(wrongName.answered()).isFalse();
            assertThat(wrongName.detail()).containsIgnoringCase("subject alternative");
        }
    }

    @Test
    void anOptionsProbeToNothingFailsWithinItsTimeout() throws Exception {
        int silent;
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            silent = socket.getLocalPort(); // bound and silent while the probe runs
            long start = System.nanoTime();
            ServerProbe.Result result = ServerProbe.options(Transport.UDP, "127.0.0.1", silent, null, "505");
            assertThat(result.answered()).isFalse();
            assertThat(result.detail()).startsWith("no answer within");
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(6));
        }
    }

    private SSLServerSocket tlsServer(TestCertificates certificates) throws Exception {
        Path p12 = dir.resolve("server.p12");
        Process export = new ProcessBuilder("openssl", "pkcs12", "-export", "-in",
                certificates.serverCertificate().toString(), "-inkey", certificates.serverKey().toString(),
                "-out", p12.toString(), "-passout", "pass:probe").redirectErrorStream(true).start();
        assertThat(export.waitFor(60, TimeUnit.SECONDS) && export.exitValue() == 0)
                .as(new String(export.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isTrue();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            keys.load(in, "probe".toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, "probe".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 5,
                InetAddress.getLoopbackAddress());
    }
}
