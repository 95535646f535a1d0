package rock.intercom.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's guard desk controls, a small page served by the demo itself (not the device portal):
 * hang up, call the door from the desk or from an extension the door does not allow, answer or be
 * busy, let the line go silent — so every row of the guide's events table can be made to happen.
 *
 * <p>Protection: it listens on 127.0.0.1 only; requests must name that address in {@code Host}
 * (against DNS rebinding), and every POST carries this run's random token, which only a page read
 * from this server has (against cross-site requests from other pages in the same browser). No
 * sign-in: whoever can reach 127.0.0.1 already runs the demo. One handler thread.
 */
public final class GuardDeskPage implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GuardDeskPage.class);
    /** The door's picture at the desk during a video call; the page (reloaded every 2 s) shows it. */
    static final String DOOR_VIDEO = "/door-video.jpg";
    private static final int MAX_BODY = 1024;

    private final DemoPbx pbx;
    private final String door;
    private final String unknownCaller;
    private final String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private final HttpServer server;
    private final ExecutorService thread;

    private GuardDeskPage(DemoPbx pbx, String door, String unknownCaller, HttpServer server, ExecutorService thread) {
        this.pbx = pbx;
        this.door = door;
        this.unknownCaller = unknownCaller;
        this.server = server;
        this.thread = thread;
    }

    /**
     * Serves the page on 127.0.0.1:{@code port} (0 picks a free port).
     *
     * @param door          the door's extension the desk calls
     * @param unknownCaller an extension the door does not allow (its call is refused: Call Rejected)
     */
    public static GuardDeskPage start(DemoPbx pbx, int port, String door, String unknownCaller) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(DemoPbx.HOST), port), 16);
        } catch (BindException e) {
            throw new IOException("the guard desk page's port " + port + " is in use; choose another with --desk-port", e);
        }
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "demo-guard-desk-page");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(thread);
        GuardDeskPage page = new GuardDeskPage(pbx, door, unknownCaller, server, thread);
        server.createContext("/", page::handle);
        server.start();
        return page;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!localHost(exchange.getRequestHeaders().getFirst("Host"))) {
                reply(exchange, 421, "text/plain", "Use http://" + DemoPbx.HOST + ":" + port() + "/");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("/")) {
                reply(exchange, 200, "text/html", page(null));
            } else if (method.equals("GET") && path.equals(DOOR_VIDEO)) {
                var picture = pbx.doorPicture();
                if (picture.isPresent()) {
                    replyBytes(exchange, 200, "image/jpeg", picture.get());
                } else {
                    reply(exchange, 404, "text/plain", "No video from the door");
                }
            } else if (method.equals("POST")) {
                if (!tokenMatches(exchange.getRequestBody())) {
                    reply(exchange, 403, "text/plain", "Reload the guard desk page and try again.");
                    return;
                }
                reply(exchange, 200, "text/html", page(act(path)));
            } else {
                reply(exchange, 404, "text/plain", "Not found");
            }
        } catch (RuntimeException e) {
            LOG.warn("Guard desk page failed", e);
        }
    }

    /** Runs one control; the notice says what happened, or why not. */
    private String act(String path) {
        try {
            return switch (path) {
                case "/hang-up" -> {
                    pbx.hangUp();
                    yield "The guard hung up.";
                }
                case "/call-door" -> {
                    pbx.callDevice(door, pbx.guardDeskExtension());
                    yield "The guard desk (" + pbx.guardDeskExtension() + ") is calling the door (" + door + ").";
                }
                case "/call-door-unknown" -> {
                    pbx.callDevice(door, unknownCaller);
                    yield "Extension " + unknownCaller + " is calling the door (" + door + ").";
                }
                case "/answers" -> {
                    pbx.guardDeskMode(GuardDeskMode.ANSWERS);
                    yield "The guard desk answers calls.";
                }
                case "/busy" -> {
                    pbx.guardDeskMode(GuardDeskMode.BUSY);
                    yield "The guard desk is busy: calls get 486 Busy Here.";
                }
                case "/silence" -> {
                    pbx.silenceGuardDesk();
                    yield "The guard desk's line went silent; the door ends the call when no audio arrives.";
                }
                default -> "No such control: " + path;
            };
        } catch (IllegalStateException e) {
            return "Not done: " + e.getMessage();
        }
    }

    private String page(String notice) {
        HeardAudio heard = pbx.heard();
        return GuardDeskPageHtml.render(new GuardDeskPageHtml.View(pbx.guardDeskExtension(), door, unknownCaller,
            pbx.guardDeskMode(), pbx.describeCalls(), !pbx.bindings(door).isEmpty(),
            heard.hearingWithin(1000) ? heard.levelDbfs() : null, token, notice,
            pbx.doorPicture().isPresent() ? DOOR_VIDEO + "?at=" + System.currentTimeMillis() : null));
    }

    private boolean localHost(String host) {
        return host != null && List.of(DemoPbx.HOST + ":" + port(), "localhost:" + port()).contains(host.toLowerCase());
    }

    private boolean tokenMatches(InputStream body) throws IOException {
        String form = new String(body.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
        for (String pair : form.split("&")) {
            if (pair.startsWith("token=")) {
                String given = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
                return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                    token.getBytes(StandardCharsets.UTF_8));
            }
        }
        return false;
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        replyBytes(exchange, status, type + "; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void replyBytes(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", type);
        headers.set("Cache-Control", "no-store");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }
}
