package rock.intercom.sip.call;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import rock.intercom.testkit.FreePorts;
import rock.intercom.testkit.KamailioServer;

/**
 * A real Kamailio that routes calls for the call tests (resource {@code /sipp/call-server.cfg}):
 * digest users that register and place calls, and static stations (SIPp peers, the device) by
 * number. It complements {@link KamailioServer}, whose registrar answers no INVITE; start once per
 * test class and close in {@code @AfterAll}.
 */
public final class CallServer implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final Process process;

    private CallServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts Kamailio on a free port.
     *
     * @param users    digest users (auth name → password) who register and must authenticate INVITEs
     * @param stations numbers routed statically (number → {@code sip:host:port} of the station)
     */
    public static CallServer start(Path dir, Map<String, String> users, Map<String, String> stations) {
        int port = FreePorts.tcpAndUdp();
        StringBuilder userLines = new StringBuilder();
        users.forEach((user, password) -> userLines.append("\t$sht(users=>").append(user).append(") = \"")
                .append(password).append("\";\n"));
        StringBuilder stationLines = new StringBuilder();
        stations.forEach((number, uri) -> stationLines.append("\t$sht(stations=>").append(number).append(") = \"")
                .append(uri).append("\";\n"));
        try {
            Files.createDirectories(dir);
            String config = template().replace("${PORT}", Integer.toString(port))
                    .replace("${REALM}", KamailioServer.REALM)
                    .replace("${USERS}", userLines)
                    .replace("${STATIONS}", stationLines);
            Files.writeString(dir.resolve("kamailio.cfg"), config);
            Process process = new ProcessBuilder("/usr/sbin/kamailio", "-f", dir.resolve("kamailio.cfg").toString(),
                    "-DD", "-E", "-m", "32", "-M", "4", "-w", dir.toString(), "-Y", dir.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("kamailio.log").toFile())
                    .start();
            CallServer server = new CallServer(dir, port, process);
            server.awaitListening();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening() throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("kamailio exited:\n" + log());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    process.waitFor(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        }
        close();
        throw new IOException("kamailio did not listen on " + port + ":\n" + log());
    }

    public int port() {
        return port;
    }

    /** The request lines Kamailio logged ("REQ INVITE sip:... from ip:port"), for assertions and failures. */
    public List<String> requests() {
        return log().lines().filter(line -> line.contains("REQ ")).toList();
    }

    public String log() {
        try {
            Path log = dir.resolve("kamailio.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static String template() throws IOException {
        try (InputStream in = CallServer.class.getResourceAsStream("/sipp/call-server.cfg")) {
            if (in == null) {
                throw new IOException("missing test resource /sipp/call-server.cfg");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
