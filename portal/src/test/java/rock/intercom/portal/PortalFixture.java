package rock.intercom.portal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rock.intercom.portal.auth.UserStore;

/** A real portal on a random port with two test doors, an administrator and a viewer. */
final class PortalFixture implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-Passw0rd";
    static final String VIEWER = "guard";
    static final String VIEWER_PASSWORD = "viewer-Passw0rd";

    final InMemoryEventStore events = new InMemoryEventStore(Clock.systemUTC());
    final TestDoor door = new TestDoor("rockx-505", "RockX-505", events);
    final TestDoor otherDoor = new TestDoor("rockx-506", "RockX-506", events);
    final UserStore users;
    final PortalServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    PortalFixture(Path dataDir, PortalOptions options) {
        this(dataDir, options, server -> server);
    }

    /** With {@code setUp} applied to the server before it starts (e.g. connection limits). */
    PortalFixture(Path dataDir, PortalOptions options, java.util.function.UnaryOperator<PortalServer> setUp) {
        users = UserStore.open(dataDir, Map.of(UserStore.ADMIN_PASSWORD_ENV, ADMIN_PASSWORD),
                new PrintStream(new ByteArrayOutputStream()), 4);
        users.put(VIEWER, VIEWER_PASSWORD.toCharArray(), Role.VIEWER);
        server = setUp.apply(new PortalServer(DeviceDirectory.of(List.of(door, otherDoor)), events, users,
                rock.intercom.portal.auth.ApiTokens.open(dataDir), options.withHost("127.0.0.1"))).start(0);
    }

    PortalFixture(Path dataDir) {
        this(dataDir, PortalOptions.defaults());
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10));
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path, String authorization) {
        return send(request(path).header("Authorization", authorization).GET().build());
    }

    HttpResponse<String> put(String path, String authorization, String json) {
        return send(request(path).header("Authorization", authorization).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> post(String path, String authorization) {
        return send(request(path).header("Authorization", authorization).POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    /** A browser-like session: signs in through the form and keeps the cookie and CSRF token. */
    Session signIn(String user, String password) {
        HttpResponse<String> form = send(request("/sign-in").GET().build());
        String signInCookie = cookie(form, "intercom_sign_in");
        String token = hiddenCsrf(form.body());
        HttpResponse<String> done = send(request("/sign-in")
                .header("Cookie", "intercom_sign_in=" + signInCookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(Map.of("_csrf", token, "username", user,
                        "password", password))))
                .build());
        if (done.statusCode() != 303) {
            throw new IllegalStateException("sign-in failed: " + done.statusCode());
        }
        String session = cookie(done, "intercom_session");
        HttpResponse<String> page = send(request("/devices").header("Cookie", "intercom_session=" + session).build());
        Matcher meta = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"").matcher(page.body());
        if (!meta.find()) {
            throw new IllegalStateException("no CSRF token on the Devices page");
        }
        return new Session(session, meta.group(1), done);
    }

    record Session(String id, String csrf, HttpResponse<String> signInResponse) {
        String cookie() {
            return "intercom_session=" + id;
        }
    }

    static String hiddenCsrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no _csrf field in the page");
        }
        return m.group(1);
    }

    static String cookie(HttpResponse<?> response, String name) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            if (header.startsWith(name + "=")) {
                return header.substring(name.length() + 1, header.indexOf(';'));
            }
        }
        throw new IllegalStateException("no cookie " + name + " in " + response.headers().allValues("Set-Cookie"));
    }

    static String formBody(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return body.toString();
    }

    @Override
    public void close() {
        server.stop();
        events.close();
    }
}
