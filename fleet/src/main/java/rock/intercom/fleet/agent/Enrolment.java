package rock.intercom.fleet.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import rock.intercom.fleet.Wire;

/** Exchanges a one-time enrolment token for the device's own secret at its portal. */
final class Enrolment {

    /** The portal refused the token (unknown, used, expired) or the id: retrying will not help. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private Enrolment() {
    }

    static DeviceCredential enrol(HttpClient http, String portalUrl, String token, String deviceId, String name)
            throws IOException, InterruptedException, Refused {
        String body = Wire.write(Wire.MAPPER.createObjectNode().put("token", token).put("deviceId", deviceId)
                .put("name", name));
        HttpRequest request = HttpRequest.newBuilder(URI.create(stripSlash(portalUrl) + Wire.ENROL_PATH))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 201) {
            JsonNode answer = Wire.MAPPER.readTree(response.body());
            String secret = answer.path("secret").asText("");
            if (secret.isEmpty() || secret.length() > 128) {
                throw new IOException("the portal's enrolment answer has no usable secret");
            }
            return new DeviceCredential(stripSlash(portalUrl), deviceId, secret);
        }
        if (response.statusCode() >= 400 && response.statusCode() < 500) {
            throw new Refused("the portal refused enrolment (" + response.statusCode() + "): "
                    + errorOf(response.body()));
        }
        throw new IOException("the portal answered enrolment with " + response.statusCode());
    }

    private static String errorOf(String body) {
        try {
            return body.length() > 4096 ? "" : Wire.MAPPER.readTree(body).path("error").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
