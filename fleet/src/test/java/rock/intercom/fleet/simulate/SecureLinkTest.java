package rock.intercom.fleet.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.fleet.Wire;
import rock.intercom.fleet.agent.PortalTrust;
import rock.intercom.fleet.central.CentralPortal;
import rock.intercom.portal.TlsKeys;
import rock.intercom.testkit.TestCertificates;
import rock.intercom.testkit.TestDevices;

/**
 * Given a central portal serving HTTPS with a certificate from a test CA, when doors that trust that
 * CA enrol at https://localhost, then their links run over wss:// and take a push; a door trusting
 * another CA, or reaching the portal by a name its certificate does not carry, is refused.
 */
class SecureLinkTest {

    private static final String PASSWORD = "secure-admin";

    @TempDir
    Path dir;

    @Test
    void doorsLinkOverWssOnlyToAPortalWhoseCertificateTheyVerify() throws Exception {
        TestCertificates certificates = TestCertificates.generate(dir.resolve("certs"));
        Path ca = Files.writeString(dir.resolve("ca.pem"), certificates.caPem());
        Path otherCa = Files.writeString(dir.resolve("other-ca.pem"), certificates.otherCaPem());
        SSLContext trust = PortalTrust.fromPem(ca);
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        try (CentralPortal portal = CentralPortal.start(dir.resolve("portal"), null, "127.0.0.1", 0,
                TlsKeys.fromPem(certificates.serverCertificate(), certificates.serverKey()), 0,
                Map.of("INTERCOM_ADMIN_PASSWORD", PASSWORD), quiet)) {
            String url = "https://" + TestCertificates.SERVER_NAME + ":" + portal.httpsPort();
            HttpClient admin = HttpClient.newBuilder().sslContext(trust).build();
            assertThatThrownBy(() -> FleetSimulator.start(TestDevices.sipDisabled(), 1, dir.resolve("fooled"), url,
                    "admin", PASSWORD, 0, PortalTrust.fromPem(otherCa), quiet))
                    .isInstanceOf(SSLHandshakeException.class);
            assertThatThrownBy(() -> FleetSimulator.start(TestDevices.sipDisabled(), 1, dir.resolve("misnamed"),
                    "https://127.0.0.1:" + portal.httpsPort(), "admin", PASSWORD, 0, trust, quiet))
                    .isInstanceOf(SSLHandshakeException.class);
            try (FleetSimulator doors = FleetSimulator.start(TestDevices.sipDisabled(), 2, dir.resolve("doors"), url,
                    "admin", PASSWORD, 0, trust, quiet)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> Wire.MAPPER.readTree(
                        get(admin, url + "/api/v1/devices")).toString().split("\"online\"").length - 1 == 2);
                HttpResponse<String> pushed = admin.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/settings-pushes"))
                        .header("Authorization", basic()).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"settings\":{\"sip\":{\"callNumber\":\"4713\"}}}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                JsonNode answer = Wire.MAPPER.readTree(pushed.body());
                assertThat(answer.path("applied").asInt()).as(pushed.body()).isEqualTo(2);
            }
        }
    }

    private static String get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", basic()).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
