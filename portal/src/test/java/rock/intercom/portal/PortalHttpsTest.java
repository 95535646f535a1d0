package rock.intercom.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.portal.auth.UserStore;

/**
 * HTTPS (real Jetty, real TLS): a self-signed certificate made on first start and kept, or one
 * given as PEM files (made here with openssl); cookies are Secure; plain HTTP redirects to HTTPS.
 */
class PortalHttpsTest {

    @TempDir
    Path dataDir;

    @Test
    void aSelfSignedCertificateIsMadeOnceAndPlainHttpRedirects() throws Exception {
        boolean[] made = {false};
        TlsKeys keys = TlsKeys.selfSigned(dataDir, "127.0.0.1", made);
        assertThat(made[0]).isTrue();
        assertThat(keys.fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        boolean[] again = {false};
        assertThat(TlsKeys.selfSigned(dataDir, "127.0.0.1", again).fingerprint()).isEqualTo(keys.fingerprint());
        assertThat(again[0]).isFalse();

        PortalServer server = start(keys);
        try {
            HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(keys.keyStore())).build();
            HttpResponse<String> signIn = trusting.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + server.httpsPort() + "/sign-in")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(signIn.statusCode()).isEqualTo(200);
            assertThat(signIn.headers().allValues("Set-Cookie")).isNotEmpty().allMatch(c -> c.contains("; Secure"));

            HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/devices?x=1")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(plain.statusCode()).isEqualTo(308);
            assertThat(plain.headers().firstValue("Location"))
                    .hasValue("https://127.0.0.1:" + server.httpsPort() + "/devices?x=1");
            assertThat(plain.headers().allValues("Set-Cookie")).isEmpty();
            HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/api/v1/devices"))
                    .header("Authorization", PortalFixture.basic(PortalFixture.ADMIN, PortalFixture.ADMIN_PASSWORD)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).isEqualTo(308);
            assertThat(api.body()).doesNotContain("rockx");
        } finally {
            server.stop();
        }
    }

    @Test
    void aGivenPemCertificateAndKeyAreServed() throws Exception {
        Path cert = dataDir.resolve("cert.pem");
        Path key = dataDir.resolve("key.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                key.toString(), "-out", cert.toString(), "-subj", "/CN=door.example", "-days", "2",
                "-addext", "subjectAltName=IP:127.0.0.1").redirectErrorStream(true).start();
        openssl.getInputStream().readAllBytes();
        assertThat(openssl.waitFor()).isZero();

        TlsKeys keys = TlsKeys.fromPem(cert, key);
        PortalServer server = start(keys);
        try {
            HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(keys.keyStore())).build();
            assertThat(trusting.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.httpsPort() + "/sign-in"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        } finally {
            server.stop();
        }
    }

    private PortalServer start(TlsKeys keys) {
        InMemoryEventStore events = new InMemoryEventStore(Clock.systemUTC());
        UserStore users = UserStore.open(dataDir, Map.of(UserStore.ADMIN_PASSWORD_ENV, PortalFixture.ADMIN_PASSWORD),
                new PrintStream(new ByteArrayOutputStream()), 4);
        return new PortalServer(DeviceDirectory.of(List.of(new TestDoor("rockx-505", "RockX-505", events))), events, users,
                PortalOptions.defaults().withHost("127.0.0.1")).withHttps(0, keys).start(0);
    }

    private static SSLContext trusting(KeyStore keys) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("portal", keys.getCertificate("portal"));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
