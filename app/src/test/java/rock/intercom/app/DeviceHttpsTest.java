package rock.intercom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.app.audio.AudioSetup;
import rock.intercom.media.session.RtpPortRange;

/** {@code --https-port} without a certificate: one is made on first start, its fingerprint printed, and HTTP redirects. */
class DeviceHttpsTest {

    @TempDir
    Path dir;

    @Test
    void aSelfSignedCertificateIsMadeAnnouncedAndPlainHttpRedirects() throws Exception {
        Path config = dir.resolve("device.yaml");
        Files.copy(Path.of("../examples/device.yaml"), config);
        ByteArrayOutputStream announced = new ByteArrayOutputStream();
        try (DeviceRuntime device = DeviceRuntime.open(new DeviceOptions(config, dir.resolve("data"), "127.0.0.1", 0, 0,
                        AudioSetup.of("tone:440", "none", RtpPortRange.parse("40040-40059")), null, null,
                        new HttpsWiring(0, null, null)),
                Map.of("INTERCOM_ADMIN_PASSWORD", "s3cret-for-tests"), new PrintStream(announced, true, StandardCharsets.UTF_8))) {
            assertThat(announced.toString(StandardCharsets.UTF_8))
                    .containsPattern("made a self-signed certificate .*portal-tls.p12; SHA-256 fingerprint ([0-9A-F]{2}:){31}[0-9A-F]{2}");
            assertThat(device.httpsPort()).isPositive();
            HttpResponse<Void> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + device.httpPort() + "/sign-in")).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(plain.statusCode()).isEqualTo(308);
            assertThat(plain.headers().firstValue("Location")).hasValue("https://127.0.0.1:" + device.httpsPort() + "/sign-in");
        }
    }

    @Test
    void aCertificateWithoutItsKeyIsRefused() {
        assertThatThrownBy(() -> new HttpsWiring(8443, Path.of("cert.pem"), null)).hasMessageContaining("go together");
        assertThatThrownBy(() -> new HttpsWiring(null, Path.of("cert.pem"), Path.of("key.pem")))
                .hasMessageContaining("needs --https-port");
    }
}
