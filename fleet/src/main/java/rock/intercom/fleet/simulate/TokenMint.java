package rock.intercom.fleet.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import rock.intercom.fleet.agent.PortalUrls;
import rock.intercom.fleet.Wire;

/** Asks a portal for enrolment tokens as an Account Administrator (one request per 1,000). */
final class TokenMint {

    private TokenMint() {
    }

    static List<String> mint(String portalUrl, String user, String password, int count, javax.net.ssl.SSLContext trust)
            throws IOException, InterruptedException {
        List<String> tokens = new ArrayList<>();
        HttpClient http = trust == null ? HttpClient.newHttpClient() : HttpClient.newBuilder().sslContext(trust).build();
        String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        String first = PortalUrls.parse(portalUrl).current();
        while (tokens.size() < count) {
            int batch = Math.min(1000, count - tokens.size());
            HttpRequest request = HttpRequest.newBuilder(URI.create(first
                    + "/api/v1/enrolment-tokens?count=" + batch)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", basic).POST(HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IOException("the portal refused enrolment tokens to " + user + ": " + response.statusCode());
            }
            JsonNode list = Wire.MAPPER.readTree(response.body()).path("tokens");
            list.forEach(token -> tokens.add(token.asText()));
            if (list.size() != batch) {
                throw new IOException("the portal gave " + list.size() + " tokens, not " + batch);
            }
        }
        return tokens;
    }
}
