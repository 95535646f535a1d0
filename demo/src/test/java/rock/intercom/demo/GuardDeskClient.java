package rock.intercom.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Presses the guard desk page's buttons as a browser would: read the page, post the form with its token. */
final class GuardDeskClient {
    private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([0-9a-f]+)\"");
    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    GuardDeskClient(int port) {
        this.port = port;
    }

    String page() throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** A GET of any path of the page's server, as bytes (e.g. the door's picture). */
    HttpResponse<byte[]> fetch(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Posts one control (e.g. {@code /hang-up}) with the token of a freshly read page; the response. */
    HttpResponse<String> press(String control) throws Exception {
        Matcher m = TOKEN.matcher(page());
        if (!m.find()) {
            throw new AssertionError("no token on the guard desk page");
        }
        return post(control, "token=" + m.group(1));
    }

    HttpResponse<String> post(String control, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(control))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
