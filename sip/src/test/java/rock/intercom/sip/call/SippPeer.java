package rock.intercom.sip.call;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import rock.intercom.sip.testing.FreePorts;

/**
 * One run of Debian's SIPp with a scenario from {@code src/test/resources/sipp}, on 127.0.0.1 and
 * a free port, for one call ({@code -m 1}). As a called station it waits for our INVITE; as a
 * caller it sends to the given remote. Its exit status says whether the scenario ran as written.
 */
public final class SippPeer implements AutoCloseable {

    private final String scenario;
    private final int port;
    private final Path dir;
    private final Process process;

    private SippPeer(String scenario, int port, Path dir, Process process) {
        this.scenario = scenario;
        this.port = port;
        this.dir = dir;
        this.process = process;
    }

    /** A called station running {@code scenario} on {@code port}; {@code keys} are name, value pairs filled into the scenario's {@code @name@}. */
    public static SippPeer station(Path dir, String scenario, int port, String... keys) {
        return start(dir, scenario, port, null, null, keys);
    }

    /** A caller sending to {@code remote} (host:port) for {@code service} (the called user). */
    public static SippPeer caller(Path dir, String scenario, String remote, String service, String... keys) {
        return start(dir, scenario, FreePorts.tcpAndUdp(), remote, service, keys);
    }

    private static SippPeer start(Path dir, String scenario, int port, String remote, String service, String... keys) {
        try {
            Path runDir = Files.createDirectories(dir.resolve(scenario.replace(".xml", "") + "-" + port));
            List<String> command = new ArrayList<>(List.of("sipp"));
            if (remote != null) {
                command.add(remote);
            }
            Path scenarioFile = runDir.resolve(scenario);
            Files.writeString(scenarioFile, filled(scenario, keys), StandardCharsets.ISO_8859_1);
            command.addAll(List.of("-sf", scenarioFile.toString(), "-i", "127.0.0.1", "-p",
                    Integer.toString(port), "-m", "1", "-nostdin", "-timeout", "30s", "-timeout_error",
                    "-trace_msg", "-message_file", runDir.resolve("messages.log").toString(),
                    "-trace_err", "-error_file", runDir.resolve("errors.log").toString(), "-max_recv_loops", "1000"));
            if (service != null) {
                command.addAll(List.of("-s", service));
            }
            Process process = new ProcessBuilder(command).directory(runDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(runDir.resolve("sipp.out").toFile()).start();
            return new SippPeer(scenario, port, runDir, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The scenario text with each {@code @name@} replaced by its value from the pairs: SIPp's own
     * {@code -key} is not expanded where a status code is parsed, so the tests fill those in.
     */
    private static String filled(String scenario, String... keys) throws IOException {
        try (var in = SippPeer.class.getResourceAsStream("/sipp/" + scenario)) {
            if (in == null) {
                throw new IllegalArgumentException("no SIPp scenario " + scenario);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            for (int i = 0; i + 1 < keys.length; i += 2) {
                text = text.replace("@" + keys[i] + "@", keys[i + 1]);
            }
            return text;
        }
    }

    public int port() {
        return port;
    }

    /** {@code sip:127.0.0.1:<port>}, the station's address for the server's static route. */
    public String uri() {
        return "sip:127.0.0.1:" + port;
    }

    /** Waits for SIPp to finish; its exit status (0: the call went exactly as scripted). */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("SIPp " + scenario + " still running after " + timeout + "\n" + transcript());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The messages SIPp sent and received plus its errors, for failure messages. */
    public String transcript() {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("messages.log", "errors.log", "sipp.out")) {
            Path file = dir.resolve(name);
            try {
                if (Files.exists(file)) {
                    text.append("--- ").append(name).append('\n').append(Files.readString(file, StandardCharsets.ISO_8859_1));
                }
            } catch (IOException e) {
                text.append("(cannot read ").append(name).append(")\n");
            }
        }
        return text.toString();
    }

    /** The messages SIPp received, as logged. */
    public String messages() {
        try {
            Path file = dir.resolve("messages.log");
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
