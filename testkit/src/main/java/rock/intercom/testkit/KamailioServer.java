package rock.intercom.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Kamailio (Debian's /usr/sbin/kamailio) run by a test on 127.0.0.1, in the foreground
 * ({@code -DD -E}) with its log in a file, on ports chosen by the test. Two roles: a
 * {@link #registrar registrar} with digest auth over UDP, TCP and TLS, and an
 * {@link #outboundProxy outbound proxy} that demands 407 proxy credentials before relaying.
 *
 * <p>Start once per test class ({@code @BeforeAll}) and {@link #close()} in {@code @AfterAll}:
 * close kills the process even when a test failed. {@link #stop()} and {@link #start()} may be
 * used in between to simulate the server going away and coming back on the same ports.
 */
public final class KamailioServer implements AutoCloseable {

    /** The digest realm both roles challenge with. */
    public static final String REALM = "rock.test";

    private static final String KAMAILIO = "/usr/sbin/kamailio";
    private static final Pattern REQUEST_LINE = Pattern.compile("REQ (\\S+) from");

    private final String role;
    private final Path dir;
    private final int udpAndTcpPort;
    private final int tlsPort;
    private final Map<String, String> fields;
    private Process process;
    private int logLinesBeforeRestart;
    private Thread killOnExit;

    private KamailioServer(String role, Path dir, Map<String, String> fields, boolean tls) {
        this.role = role;
        this.dir = dir;
        this.udpAndTcpPort = FreePorts.tcpAndUdp();
        this.tlsPort = tls ? FreePorts.tcpAndUdp() : -1;
        this.fields = new LinkedHashMap<>(fields);
        this.fields.put("DIR", dir.toString());
        this.fields.put("HOST", "127.0.0.1");
        this.fields.put("UDP_PORT", Integer.toString(udpAndTcpPort));
        this.fields.put("TCP_PORT", Integer.toString(udpAndTcpPort));
        this.fields.put("TLS_PORT", Integer.toString(tlsPort));
        this.fields.put("REALM", REALM);
    }

    /**
     * A registrar for the given users (auth username → plain password), challenging with the
     * digest algorithm given ("MD5" or "SHA-256") and granting at most {@code maxExpires} seconds.
     */
    public static KamailioServer registrar(Path dir, Map<String, String> users, String algorithm, int maxExpires,
            TestCertificates certificates) {
        StringBuilder userLines = new StringBuilder();
        users.forEach((user, password) -> userLines.append("\t$sht(users=>").append(user).append(") = \"")
                .append(password).append("\";\n"));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("USERS", userLines.toString());
        fields.put("ALGORITHM", algorithm);
        fields.put("MAX_EXPIRES", Integer.toString(maxExpires));
        KamailioServer server = new KamailioServer("registrar", dir, fields, true);
        server.copyCertificates(certificates);
        return server;
    }

    /** An outbound proxy that accepts only requests carrying digest proxy credentials for the user. */
    public static KamailioServer outboundProxy(Path dir, String proxyUser, String proxyPassword) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("PROXY_USER", proxyUser);
        fields.put("PROXY_PASSWORD", proxyPassword);
        fields.put("ALGORITHM", "MD5");
        return new KamailioServer("proxy", dir, fields, false);
    }

    private void copyCertificates(TestCertificates certificates) {
        try {
            Files.createDirectories(dir);
            Files.copy(certificates.serverCertificate(), dir.resolve("server.pem"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(certificates.serverKey(), dir.resolve("server.key"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the config and starts Kamailio; returns once its TCP listener accepts connections. */
    public synchronized KamailioServer start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("kamailio.cfg"), fill(template(role + ".cfg")));
            Files.writeString(dir.resolve("tls.cfg"), fill(template("tls.cfg")));
            Path log = dir.resolve("kamailio.log");
            logLinesBeforeRestart = Files.exists(log) ? Files.readAllLines(log).size() : 0;
            process = new ProcessBuilder(KAMAILIO, "-f", dir.resolve("kamailio.cfg").toString(), "-DD", "-E",
                    "-m", "32", "-M", "4", "-w", dir.toString(), "-Y", dir.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            Process started = process;
            killOnExit = new Thread(() -> PeerShutdown.killTree(started.toHandle()), "kill-kamailio");
            // Even a crashed or killed test JVM must not leave Kamailio behind.
            Runtime.getRuntime().addShutdownHook(killOnExit);
            awaitListening(Duration.ofSeconds(15));
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("kamailio exited with " + process.exitValue() + ":\n" + log());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), udpAndTcpPort), 200);
                return;
            } catch (IOException notYet) {
                pause(50);
            }
        }
        throw new IOException("kamailio did not listen on " + udpAndTcpPort + " within " + timeout + ":\n" + log());
    }

    /** Stops Kamailio (SIGTERM, then SIGKILL to it and its children after 5 s); ports stay reserved for start(). */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        PeerShutdown.stop(process, Duration.ofSeconds(5));
        children.forEach(child -> {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        });
        process = null;
        if (killOnExit != null) {
            PeerShutdown.dropKillOnExit(killOnExit);
            killOnExit = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public int udpPort() {
        return udpAndTcpPort;
    }

    public int tcpPort() {
        return udpAndTcpPort;
    }

    public int tlsPort() {
        if (tlsPort < 0) {
            throw new IllegalStateException("the " + role + " has no TLS listener");
        }
        return tlsPort;
    }

    /** How many requests of the given method Kamailio has received since the last start(). */
    public int receivedCount(String method) {
        List<String> lines = logLines();
        int count = 0;
        for (String line : lines.subList(Math.min(logLinesBeforeRestart, lines.size()), lines.size())) {
            Matcher matcher = REQUEST_LINE.matcher(line);
            if (matcher.find() && matcher.group(1).equals(method)) {
                count++;
            }
        }
        return count;
    }

    /** The whole log (all starts), for failure messages. */
    public String log() {
        return String.join("\n", logLines());
    }

    private List<String> logLines() {
        try {
            Path log = dir.resolve("kamailio.log");
            return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String fill(String template) {
        String result = template;
        for (Map.Entry<String, String> field : fields.entrySet()) {
            result = result.replace("${" + field.getKey() + "}", field.getValue());
        }
        return result;
    }

    private static String template(String name) throws IOException {
        try (InputStream in = KamailioServer.class.getResourceAsStream("/kamailio/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource /kamailio/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
