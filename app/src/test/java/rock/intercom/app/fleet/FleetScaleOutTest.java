package rock.intercom.app.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.portal.SessionCookie;
import rock.intercom.testkit.FreePorts;
import rock.intercom.testkit.StartedPeers;
import rock.intercom.testkit.PostgresServer;

/**
 * Given two portal processes (separate JVMs, as {@code ./intercom portal --db-url}) on one real
 * PostgreSQL and a door device (its own JVM, SIP off) linked to process B with both URLs listed:
 * a sign-in made on A works on B; a user added and an API token made on A (each process with a data
 * dir of its own) work on B, and once removed or revoked on A are refused on B; wrong passwords
 * spread over A and B lock on both; a push through A reaches the device on B and B's answer (the
 * applied document, or the field errors) comes back to A's caller; both list the device online.
 * While the device records events, B is killed with {@code kill -9} (the device moves to A), then
 * the device is killed and restarted: the portal's store ends with every event of the device's own
 * store, once, compared id by id.
 */
class FleetScaleOutTest {

    private static final String PASSWORD = "fleet-admin-secret";
    private static final String DEVICE_PASSWORD = "device-admin";
    private static final String DEVICE = "rockx-505";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern PORTAL_UP = Pattern.compile("Rock Intercom portal: http://127\\.0\\.0\\.1:(\\d+)/");
    private static final Pattern DEVICE_UP = Pattern.compile("Rock Intercom device .*API http://127\\.0\\.0\\.1:(\\d+)/");
    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path dir;
    private final StartedPeers running = new StartedPeers();

    @AfterEach
    void stop() throws Exception {
        running.close();
    }

    @Test
    void twoPortalProcessesShareSessionsRouteCommandsAndLoseNoEventWhenProcessesAreKilled() throws Exception {
        PostgresServer postgres = PostgresServer.start();
        running.add(postgres);
        String dbUrl = postgres.createDatabase("fleet");
        // Started together, as a service manager would: they share the database's schema from the start.
        IntercomProcess portalA = portal("a", dbUrl);
        IntercomProcess portalB = portal("b", dbUrl);
        int a = Integer.parseInt(portalA.awaitLine(PORTAL_UP, START));
        int b = Integer.parseInt(portalB.awaitLine(PORTAL_UP, START));

        String token = JSON.readTree(send(a, admin("/api/v1/enrolment-tokens").POST(noBody()), 201))
                .path("token").asText();
        int devicePort = FreePorts.tcpAndUdp();
        Path config = dir.resolve("device.yaml");
        Files.copy(Path.of("../examples/device.yaml"), config);
        IntercomProcess device = device(config, devicePort, b, a, token);
        device.awaitLine(DEVICE_UP, START);
        // Linked to B, listed online by both.
        await().atMost(Duration.ofSeconds(30)).until(() -> connection(b).equals("online"));
        await().atMost(Duration.ofSeconds(10)).until(() -> connection(a).equals("online"));

        // Signed in on A; the same session cookie is a signed-in session on B.
        String session = signIn(a);
        String csrf = csrfOf(send(b, signedIn("/devices", session).GET(), 200));
        usersAndTokensMadeOnOneProcessCountOnTheOther(a, b, session, csrf);
        failedSignInsCountAcrossProcesses(a, b);

        // A push through A reaches the device linked to B; B's answers come back to A's caller.
        ObjectNode settings = (ObjectNode) JSON.readTree(send(a, signedIn("/api/v1/devices/" + DEVICE + "/settings",
                session).GET(), 200));
        ((ObjectNode) settings.get("sip")).put("callNumber", "410");
        JsonNode applied = JSON.readTree(send(a, signedIn("/api/v1/devices/" + DEVICE + "/settings", session)
                .header("X-CSRF-Token", csrf).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(settings.toString())), 200));
        assertThat(applied.at("/sip/callNumber").asText()).isEqualTo("410");
        assertThat(JSON.readTree(send(devicePort, deviceAdmin("/api/v1/devices/" + DEVICE + "/settings").GET(), 200))
                .at("/sip/callNumber").asText()).isEqualTo("410");
        ((ObjectNode) settings.at("/sip/server")).put("port", 70000);
        JsonNode rejected = JSON.readTree(send(a, signedIn("/api/v1/devices/" + DEVICE + "/settings", session)
                .header("X-CSRF-Token", csrf).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(settings.toString())), 422));
        assertThat(rejected.path("errors").has("sip.server.port")).isTrue();
        // A's settings view is the device's, as B last saw it.
        assertThat(JSON.readTree(send(a, admin("/api/v1/devices/" + DEVICE + "/settings").GET(), 200))
                .at("/sip/callNumber").asText()).isEqualTo("410");
        // A fleet-wide push through A reaches it too (relayed through B), not "offline".
        JsonNode fleetWide = JSON.readTree(send(a, signedIn("/api/v1/settings-pushes", session)
                .header("X-CSRF-Token", csrf).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"settings\":{\"sip\":{\"callNumber\":\"411\"}}}")), 200));
        assertThat(fleetWide.path("results").path(DEVICE).path("applied").asBoolean()).as(fleetWide.toString()).isTrue();
        assertThat(fleetWide.path("applied").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(send(devicePort, deviceAdmin("/api/v1/devices/" + DEVICE + "/settings").GET(), 200))
                .at("/sip/callNumber").asText()).isEqualTo("411");

        // Events flowing: the door's button pressed again and again on the device itself.
        AtomicBoolean pressing = new AtomicBoolean(true);
        Thread presser = new Thread(() -> {
            while (pressing.get()) {
                try {
                    HTTP.send(deviceAdmin("/api/v1/devices/" + DEVICE + "/button").POST(noBody())
                            .uri(URI.create("http://127.0.0.1:" + devicePort + "/api/v1/devices/" + DEVICE + "/button"))
                            .build(), HttpResponse.BodyHandlers.discarding());
                    Thread.sleep(50);
                } catch (Exception deviceDown) {
                    // Killed on purpose for a while: keep pressing until it is back.
                }
            }
        }, "presser");
        presser.start();
        running.add(() -> {
            pressing.set(false);
            presser.join(10_000);
        });
        awaitShipped(a, 5);

        portalB.kill(); // mid-stream: the device moves to A
        int beforeMove = shipped(a).size();
        await().atMost(Duration.ofSeconds(60)).until(() -> shipped(a).size() >= beforeMove + 5);

        device.kill(); // mid-stream, then the site's service manager starts it again
        int beforeRestart = shipped(a).size();
        device = device(config, devicePort, b, a, null);
        device.awaitLine(DEVICE_UP, START);
        await().atMost(Duration.ofSeconds(60)).until(() -> shipped(a).size() >= beforeRestart + 5);
        pressing.set(false);
        presser.join(10_000);

        List<Long> local = localIds(devicePort);
        assertThat(local).hasSizeLessThan(1000); // one page holds them all: nothing unseen below
        await().atMost(Duration.ofSeconds(60)).until(() -> shipped(a).size() >= local.size());
        Thread.sleep(1000); // a duplicate would arrive with the next ack round; give it the chance
        assertThat(shipped(a)).containsExactlyElementsOf(localIds(devicePort));
    }

    /** Users and API tokens live in the database: nothing of them is in either process's data dir. */
    private void usersAndTokensMadeOnOneProcessCountOnTheOther(int a, int b, String session, String csrf)
            throws Exception {
        form(a, session, csrf, "/users", "username=guard&password=guard-Passw0rd&role=VIEWER", 303);
        send(b, as("guard", "guard-Passw0rd", "/api/v1/devices").GET(), 200);
        form(a, session, csrf, "/users/guard/remove", "", 303);
        send(b, as("guard", "guard-Passw0rd", "/api/v1/devices").GET(), 401);

        String made = form(a, session, csrf, "/api-tokens", "name=access-control&role=ACCOUNT_ADMINISTRATOR", 201);
        Matcher secret = Pattern.compile("id=\"new-token-secret\"[^>]*>(rit_[A-Za-z0-9_-]+)<").matcher(made);
        Matcher id = Pattern.compile("/api-tokens/([0-9a-f]+)/revoke").matcher(made);
        assertThat(secret.find() && id.find()).as(made).isTrue();
        HttpRequest.Builder bearer = HttpRequest.newBuilder(URI.create("http://placeholder/api/v1/devices"))
                .header("Authorization", "Bearer " + secret.group(1));
        send(b, bearer.GET(), 200);
        form(a, session, csrf, "/api-tokens/" + id.group(1) + "/revoke", "", 303);
        send(b, bearer.GET(), 401); // the very next request after the revocation
    }

    /** Failed sign-ins are counted in the database: 5 wrong passwords spread over A and B lock the pair on both. */
    private void failedSignInsCountAcrossProcesses(int a, int b) throws Exception {
        for (int i = 0; i < 5; i++) {
            send(i % 2 == 0 ? a : b, as("intruder", "wrong-" + i, "/api/v1/devices").GET(), 401);
        }
        send(a, as("intruder", "wrong-5", "/api/v1/devices").GET(), 429);
        send(b, as("intruder", "wrong-6", "/api/v1/devices").GET(), 429);
    }

    private String form(int portal, String session, String csrf, String path, String body, int status)
            throws Exception {
        return send(portal, signedIn(path, session).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + enc(csrf) + (body.isEmpty() ? "" : "&" + body))),
                status);
    }

    private IntercomProcess portal(String name, String dbUrl) throws Exception {
        // A data dir each, as on two hosts: users, tokens and sessions are in the database.
        IntercomProcess process = IntercomProcess.start(dir.resolve("portal-" + name + ".log"),
                Map.of("INTERCOM_ADMIN_PASSWORD", PASSWORD, "INTERCOM_DB_USER", PostgresServer.USER,
                        "INTERCOM_DB_PASSWORD", ""),
                "portal", "--http-host", "127.0.0.1", "--http-port", "0", "--data-dir", dir.resolve("portal-" + name).toString(),
                "--db-url", dbUrl);
        running.add(process);
        return process;
    }

    private IntercomProcess device(Path config, int httpPort, int first, int second, String token) throws Exception {
        List<String> args = new ArrayList<>(List.of("device", "--config", config.toString(), "--data-dir",
                dir.resolve("device").toString(), "--http-host", "127.0.0.1", "--http-port", Integer.toString(httpPort),
                "--sip-port", "0", "--microphone", "tone:440", "--speaker", "none",
                "--portal-url", "http://127.0.0.1:" + first + ",http://127.0.0.1:" + second));
        if (token != null) {
            args.addAll(List.of("--enrolment-token", token));
        }
        IntercomProcess process = IntercomProcess.start(dir.resolve("device.log"),
                Map.of("INTERCOM_ADMIN_PASSWORD", DEVICE_PASSWORD), args.toArray(String[]::new));
        running.add(process);
        return process;
    }

    private String connection(int portal) throws Exception {
        JsonNode devices = JSON.readTree(send(portal, admin("/api/v1/devices").GET(), 200)).path("devices");
        return devices.isEmpty() ? "none" : devices.get(0).at("/status/connection").asText();
    }

    private String signIn(int portal) throws Exception {
        HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(uri(portal, "/sign-in")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String signInCookie = cookie(form, SessionCookie.SIGN_IN);
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(token.find()).isTrue();
        String body = "_csrf=" + enc(token.group(1)) + "&username=admin&password=" + enc(PASSWORD);
        HttpResponse<String> signedIn = HTTP.send(HttpRequest.newBuilder(uri(portal, "/sign-in"))
                .header("Cookie", SessionCookie.SIGN_IN + "=" + signInCookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(303);
        return cookie(signedIn, SessionCookie.SESSION);
    }

    private static String cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + response.headers()));
    }

    private static String csrfOf(String page) {
        Matcher meta = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"").matcher(page);
        assertThat(meta.find()).as("signed in: the page carries a CSRF token").isTrue();
        return meta.group(1);
    }

    private void awaitShipped(int portal, int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> shipped(portal).size() >= count);
    }

    /** The device-local ids of the device's events in the portal's store, sorted, duplicates kept. */
    private List<Long> shipped(int portal) throws Exception {
        JsonNode events = JSON.readTree(send(portal, admin("/api/v1/events?device=" + DEVICE + "&limit=1000").GET(),
                200)).path("events");
        List<Long> ids = new ArrayList<>();
        events.forEach(e -> {
            if (e.at("/details/deviceEventId").isNumber()) {
                ids.add(e.at("/details/deviceEventId").asLong());
            }
        });
        return ids.stream().sorted().toList();
    }

    /** Every event id in the device's own store, sorted. */
    private List<Long> localIds(int devicePort) throws Exception {
        JsonNode events = JSON.readTree(send(devicePort, deviceAdmin("/api/v1/events?limit=1000").GET(), 200))
                .path("events");
        List<Long> ids = new ArrayList<>();
        events.forEach(e -> ids.add(e.path("id").asLong()));
        return ids.stream().sorted().toList();
    }

    private HttpRequest.Builder admin(String path) {
        return as("admin", PASSWORD, path);
    }

    private static HttpRequest.Builder as(String user, String password, String path) {
        return HttpRequest.newBuilder(URI.create("http://placeholder" + path)).header("Authorization", basic(user,
                password));
    }

    private HttpRequest.Builder deviceAdmin(String path) {
        return HttpRequest.newBuilder(URI.create("http://placeholder" + path)).header("Authorization", basic("admin",
                DEVICE_PASSWORD));
    }

    private HttpRequest.Builder signedIn(String path, String session) {
        return HttpRequest.newBuilder(URI.create("http://placeholder" + path))
                .header("Cookie", SessionCookie.SESSION + "=" + session);
    }

    private static String send(int port, HttpRequest.Builder request, int status) throws Exception {
        HttpRequest built = request.build();
        HttpRequest sent = HttpRequest.newBuilder(built, (name, value) -> true)
                .uri(uri(port, built.uri().getRawPath() + (built.uri().getRawQuery() == null ? ""
                        : "?" + built.uri().getRawQuery())))
                .timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response = HTTP.send(sent, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(sent.method() + " " + sent.uri() + ": " + response.body())
                .isEqualTo(status);
        return response.body();
    }

    private static URI uri(int port, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    private static HttpRequest.BodyPublisher noBody() {
        return HttpRequest.BodyPublishers.noBody();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
