package rock.intercom.fleet.central;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.fleet.Wire;

/**
 * Given a central portal on loopback, when a caller forges enrolment tokens or device secrets, then
 * each attempt is refused and recorded, and after ten refusals its address gets a clear 429 with
 * Retry-After, even with a good token, while a real enrolment's secret opens the link until revoked.
 */
class HostileDevicesTest {

    private static final String PASSWORD = "hostile-admin";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void forgedTokensAndSecretsAreRefusedRecordedAndThrottled() throws Exception {
        try (CentralPortal portal = CentralPortal.start(dir, null, "127.0.0.1", 0,
                Map.of("INTERCOM_ADMIN_PASSWORD", PASSWORD), new PrintStream(PrintStream.nullOutputStream()))) {
            String url = "http://127.0.0.1:" + portal.port();
            String token = Wire.MAPPER.readTree(send(url, "POST", "/api/v1/enrolment-tokens", "", true).body())
                    .path("token").asText();
            HttpResponse<String> enrolled = send(url, "POST", "/fleet/v1/enrol",
                    "{\"token\":\"" + token + "\",\"deviceId\":\"door-1\"}", false);
            assertThat(enrolled.statusCode()).isEqualTo(201);
            String secret = Wire.MAPPER.readTree(enrolled.body()).path("secret").asText();
            WebSocket link = connect(url, "door-1." + secret);
            link.abort();

            // A forged secret, a malformed body, forged tokens: refused, the refusals counted per address.
            assertThatThrownBy(() -> connect(url, "door-1.AAAA" + secret.substring(4))).isInstanceOf(ExecutionException.class);
            assertThat(send(url, "POST", "/fleet/v1/enrol", "{\"token\":", false).statusCode()).isEqualTo(400);
            for (int i = 0; i < 8; i++) {
                assertThat(send(url, "POST", "/fleet/v1/enrol", "{\"token\":\"forged-" + i + "\",\"deviceId\":\"door-x\"}",
                        false).statusCode()).isEqualTo(403);
            }
            String good = Wire.MAPPER.readTree(send(url, "POST", "/api/v1/enrolment-tokens", "", true).body())
                    .path("token").asText();
            HttpResponse<String> throttled = send(url, "POST", "/fleet/v1/enrol",
                    "{\"token\":\"" + good + "\",\"deviceId\":\"door-2\"}", false);
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("Retry-After")).get().matches(v -> Long.parseLong(v) > 500);
            assertThat(throttled.body()).contains("too many refused attempts");

            JsonNode refusals = Wire.MAPPER.readTree(send(url, "GET", "/api/v1/events?name=Sign-In+Failed&limit=100",
                    null, true).body()).path("events");
            assertThat(refusals).hasSize(9);
            assertThat(refusals.toString()).contains("fleet link").contains("fleet enrolment").contains("door-1")
                    .doesNotContain(secret).doesNotContain(secret.substring(4));
        }
    }

    @Test
    void aRevokedCredentialIsRefusedAndRecorded() throws Exception {
        try (CentralPortal portal = CentralPortal.start(dir, null, "127.0.0.1", 0,
                Map.of("INTERCOM_ADMIN_PASSWORD", PASSWORD), new PrintStream(PrintStream.nullOutputStream()))) {
            String url = "http://127.0.0.1:" + portal.port();
            String token = Wire.MAPPER.readTree(send(url, "POST", "/api/v1/enrolment-tokens", "", true).body())
                    .path("token").asText();
            String secret = Wire.MAPPER.readTree(send(url, "POST", "/fleet/v1/enrol",
                    "{\"token\":\"" + token + "\",\"deviceId\":\"door-1\"}", false).body()).path("secret").asText();
            assertThat(send(url, "DELETE", "/api/v1/devices/door-1/credential", null, true).statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> connect(url, "door-1." + secret)).isInstanceOf(ExecutionException.class);
            assertThat(send(url, "GET", "/api/v1/events?name=Sign-In+Failed", null, true).body())
                    .contains("fleet link").contains("door-1");
        }
    }

    private static WebSocket connect(String url, String credential) throws Exception {
        return HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + credential)
                .buildAsync(URI.create(url.replace("http:", "ws:") + Wire.LINK_PATH), new WebSocket.Listener() { })
                .get(5, TimeUnit.SECONDS);
    }

    private static HttpResponse<String> send(String url, String method, String path, String body, boolean admin)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (admin) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
