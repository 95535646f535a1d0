package rock.intercom.demo;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One SIPp process (the real peer playing the door) running a scenario from
 * src/test/resources/sipp against a PBX on 127.0.0.1, on free ports. Always destroyed by
 * {@link #close()}; its messages and errors are kept under target/sipp for diagnosis.
 */
final class Sipp implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(40);
    private static final Path LOG_DIR = Path.of("target", "sipp");
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Process process;
    private final Path errorFile;
    private final Path messageFile;
    final int localPort;

    private Sipp(Process process, Path errorFile, Path messageFile, int localPort) {
        this.process = process;
        this.errorFile = errorFile;
        this.messageFile = messageFile;
        this.localPort = localPort;
    }

    /** Options of one run; {@code keys} become SIPp {@code -key} keywords. */
    record Run(Path scenario, int pbxPort, String transport, String service, String user, String password,
               Map<String, String> keys, long pauseMs, int localPort) {
        static Run of(Path scenario, int pbxPort, String service) {
            return new Run(scenario, pbxPort, "u1", service, "505", DemoPbxSippTest.DOOR_PASSWORD, Map.of(), 0, 0);
        }

        Run transport(String t) {
            return new Run(scenario, pbxPort, t, service, user, password, keys, pauseMs, localPort);
        }

        Run credentials(String u, String p) {
            return new Run(scenario, pbxPort, transport, service, u, p, keys, pauseMs, localPort);
        }

        Run key(String name, Object value) {
            Map<String, String> k = new LinkedHashMap<>(keys);
            k.put(name, String.valueOf(value));
            return new Run(scenario, pbxPort, transport, service, user, password, k, pauseMs, localPort);
        }

        Run pause(long ms) {
            return new Run(scenario, pbxPort, transport, service, user, password, keys, ms, localPort);
        }

        /** SIPp's own SIP port; 0 picks a free one. */
        Run localPort(int port) {
            return new Run(scenario, pbxPort, transport, service, user, password, keys, pauseMs, port);
        }
    }

    static Path scenario(String name) {
        try {
            return Path.of(Sipp.class.getResource("/sipp/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of template {@code name} with each key replaced by its value, under target/sipp. */
    static Path template(String name, Map<String, String> replacements) throws IOException {
        String text = Files.readString(scenario(name), StandardCharsets.UTF_8);
        for (var e : replacements.entrySet()) {
            text = text.replace(e.getKey(), e.getValue());
        }
        Files.createDirectories(LOG_DIR);
        Path out = LOG_DIR.resolve(RUNS.incrementAndGet() + "-" + name);
        Files.writeString(out, text, StandardCharsets.UTF_8);
        return out;
    }

    static Sipp start(Run run) throws IOException {
        Files.createDirectories(LOG_DIR);
        String base = RUNS.incrementAndGet() + "-" + run.scenario().getFileName().toString().replace(".xml", "");
        Path errors = LOG_DIR.resolve(base + "-errors.log").toAbsolutePath();
        Path messages = LOG_DIR.resolve(base + "-messages.log").toAbsolutePath();
        int localPort = run.localPort() > 0 ? run.localPort()
            : run.transport().startsWith("t") ? freeTcpAndUdpPort() : freeUdpPort();
        List<String> cmd = new ArrayList<>(List.of("sipp", "127.0.0.1:" + run.pbxPort(),
            "-sf", run.scenario().toAbsolutePath().toString(), "-m", "1", "-t", run.transport(),
            "-i", "127.0.0.1", "-p", Integer.toString(localPort), "-mp", Integer.toString(freeUdpPort()),
            "-s", run.service(), "-au", run.user(), "-ap", run.password(),
            "-nostdin", "-timeout", "30s", "-timeout_error",
            "-trace_err", "-error_file", errors.toString(), "-trace_msg", "-message_file", messages.toString()));
        if (run.pauseMs() > 0) {
            cmd.addAll(List.of("-d", Long.toString(run.pauseMs())));
        }
        run.keys().forEach((k, v) -> cmd.addAll(List.of("-key", k, v)));
        Process p = new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(LOG_DIR.resolve(base + "-screen.log").toFile())
            .start();
        return new Sipp(p, errors, messages, localPort);
    }

    /** Runs to the end; the exit code (0 = the scenario passed). */
    static Outcome run(Run run) throws Exception {
        try (Sipp sipp = start(run)) {
            return sipp.awaitExit();
        }
    }

    /** SIPp's exit code with what it logged, for assertion messages. */
    record Outcome(int exitCode, String errors, String messages) {
        boolean passed() {
            return exitCode == 0;
        }

        @Override
        public String toString() {
            return "SIPp exit " + exitCode + "\n--- errors:\n" + errors + "\n--- messages:\n" + messages;
        }
    }

    Outcome awaitExit() throws Exception {
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            close();
            return new Outcome(-1, read(errorFile) + "\n(SIPp did not finish in " + TIMEOUT + ")", read(messageFile));
        }
        return new Outcome(process.exitValue(), read(errorFile), read(messageFile));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    static int freeTcpAndUdpPort() throws IOException {
        return FreePort.pick(InetAddress.getLoopbackAddress());
    }
}
