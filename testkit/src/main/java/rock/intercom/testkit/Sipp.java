package rock.intercom.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One run of Debian's SIPp ({@code /usr/bin/sipp}) on 127.0.0.1 with a scenario from the test
 * resources ({@code /sipp/<name>}), on free ports. It plays a called station, a caller, or a
 * (hostile) server; its exit status says whether the scenario ran as written. SIPp's own
 * {@code -timeout} bounds its life, so a test JVM that dies leaves no SIPp behind for long.
 * Messages, errors and screen output stay in the run's directory for diagnosis.
 */
public final class Sipp implements AutoCloseable {

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Options options;
    private final int port;
    private final Path dir;
    private final Process process;

    private Sipp(Options options, int port, Path dir, Process process) {
        this.options = options;
        this.port = port;
        this.dir = dir;
        this.process = process;
    }

    /** A run of scenario resource {@code /sipp/<name>}: one call over UDP, 30 s at most, logs under target/sipp. */
    public static Options scenario(String name) {
        return new Options(name);
    }

    /** A called station waiting on {@code port}; {@code keys} are name, value pairs filled into the scenario's {@code @name@}. */
    public static Sipp station(Path dir, String scenario, int port, String... keys) {
        return scenario(scenario).dir(dir).localPort(port).fillKeys(keys).start();
    }

    /** A caller sending to {@code remote} (host:port) for {@code service} (the called user). */
    public static Sipp caller(Path dir, String scenario, String remote, String service, String... keys) {
        return scenario(scenario).dir(dir).remote(remote).service(service).fillKeys(keys).start();
    }

    /** A server on UDP answering up to 1000 calls with scenario {@code /sipp/<name>.xml}, bound when this returns. */
    public static Sipp server(String name, Path dir) {
        return scenario(name + ".xml").dir(dir).calls(1000).timeout(Duration.ofMinutes(10)).listen();
    }

    /** What one run does; immutable, each setter returns a copy. */
    public static final class Options {
        private String scenario;
        private Map<String, String> fills = Map.of();
        private Path dir = Path.of("target", "sipp");
        private String remote;
        private String service;
        private String transport = "u1";
        private String user;
        private String password;
        private Map<String, String> keys = Map.of();
        private long pauseMs;
        private int localPort;
        private int calls = 1;
        private int rate;
        private Duration timeout = Duration.ofSeconds(30);

        private Options(String scenario) {
            this.scenario = scenario;
        }

        /** A copy with {@code change} applied: every setter leaves this one as it is. */
        private Options with(Consumer<Options> change) {
            Options o = copy();
            change.accept(o);
            return o;
        }

        /** {@code map} and one more entry, in order; {@code map} itself may be shared by other copies. */
        private static Map<String, String> plus(Map<String, String> map, String name, Object value) {
            Map<String, String> more = new LinkedHashMap<>(map);
            more.put(name, String.valueOf(value));
            return more;
        }

        private Options copy() {
            Options o = new Options(scenario);
            o.fills = fills;
            o.dir = dir;
            o.remote = remote;
            o.service = service;
            o.transport = transport;
            o.user = user;
            o.password = password;
            o.keys = keys;
            o.pauseMs = pauseMs;
            o.localPort = localPort;
            o.calls = calls;
            o.rate = rate;
            o.timeout = timeout;
            return o;
        }

        /** Replaces {@code placeholder} in the scenario text: SIPp's {@code -key} is not expanded where a status code is parsed. */
        public Options fill(String placeholder, Object value) {
            return with(o -> o.fills = plus(fills, placeholder, value));
        }

        public Options fill(Map<String, String> placeholders) {
            Options o = this;
            for (Map.Entry<String, String> e : placeholders.entrySet()) {
                o = o.fill(e.getKey(), e.getValue());
            }
            return o;
        }

        /** Name, value pairs, each filled in for {@code @name@}. */
        public Options fillKeys(String... pairs) {
            Options o = this;
            for (int i = 0; i + 1 < pairs.length; i += 2) {
                o = o.fill("@" + pairs[i] + "@", pairs[i + 1]);
            }
            return o;
        }

        /** Where this run's scenario copy and logs go (in a subdirectory per run). */
        public Options dir(Path d) {
            return with(o -> o.dir = d);
        }

        /** host:port to send to; without it SIPp waits for requests. */
        public Options remote(String hostPort) {
            return with(o -> o.remote = hostPort);
        }

        public Options service(String s) {
            return with(o -> o.service = s);
        }

        /** SIPp's {@code -t}: u1 (UDP, default), t1 (TCP). */
        public Options transport(String t) {
            return with(o -> o.transport = t);
        }

        /** Digest credentials SIPp answers challenges with ({@code -au}, {@code -ap}). */
        public Options credentials(String u, String p) {
            return with(o -> {
                o.user = u;
                o.password = p;
            });
        }

        /** A SIPp {@code -key} keyword, used in the scenario as {@code [name]}. */
        public Options key(String name, Object value) {
            return with(o -> o.keys = plus(keys, name, value));
        }

        /** SIPp's {@code -d}: the length of the scenario's default pauses. */
        public Options pause(long ms) {
            return with(o -> o.pauseMs = ms);
        }

        /** SIPp's own SIP port; 0 (default) picks a free one. */
        public Options localPort(int port) {
            return with(o -> o.localPort = port);
        }

        /** SIPp's {@code -m}: how many calls before it exits. */
        public Options calls(int n) {
            return with(o -> o.calls = n);
        }

        /** SIPp's {@code -r}: new calls per second (0, the default, leaves SIPp's own default). */
        public Options rate(int perSecond) {
            return with(o -> o.rate = perSecond);
        }

        /** SIPp's {@code -timeout}: its whole life, after which it exits with an error. */
        public Options timeout(Duration t) {
            return with(o -> o.timeout = t);
        }

        public Sipp start() {
            return Sipp.start(this);
        }

        /** Starts SIPp and returns once the kernel lists its UDP port as bound. */
        public Sipp listen() {
            Sipp sipp = start();
            sipp.awaitBound(Duration.ofSeconds(10));
            return sipp;
        }

        /** Runs the scenario to its end. */
        public Outcome run() {
            try (Sipp sipp = start()) {
                return sipp.awaitExit();
            }
        }
    }

    /** SIPp's exit code with what it logged, for assertion messages. */
    public record Outcome(int exitCode, String errors, String messages) {
        public boolean passed() {
            return exitCode == 0;
        }

        @Override
        public String toString() {
            return "SIPp exit " + exitCode + "\n--- errors:\n" + errors + "\n--- messages:\n" + messages;
        }
    }

    private static Sipp start(Options o) {
        int port = o.localPort > 0 ? o.localPort : FreePorts.tcpAndUdp();
        // -mp: SIPp binds its audio and video echo sockets from there (default 6000, which would clash between runs).
        int mediaPort = FreePorts.udpRun(4);
        try {
            String base = o.scenario.replace(".xml", "");
            Path runDir = Files.createDirectories(o.dir.resolve(base + "-" + port + "-" + RUNS.incrementAndGet()))
                    .toAbsolutePath();
            Path scenarioFile = runDir.resolve(o.scenario);
            Files.writeString(scenarioFile, scenarioText(o), StandardCharsets.ISO_8859_1);
            List<String> command = new ArrayList<>(List.of("sipp"));
            if (o.remote != null) {
                command.add(o.remote);
            }
            command.addAll(List.of("-sf", scenarioFile.toString(), "-i", "127.0.0.1", "-p", Integer.toString(port),
                    "-mp", Integer.toString(mediaPort), "-t", o.transport, "-m", Integer.toString(o.calls),
                    "-nostdin", "-timeout", o.timeout.toSeconds() + "s", "-timeout_error", "-max_recv_loops", "1000",
                    "-trace_msg", "-message_file", runDir.resolve("messages.log").toString(),
                    "-trace_err", "-error_file", runDir.resolve("errors.log").toString()));
            if (o.service != null) {
                command.addAll(List.of("-s", o.service));
            }
            if (o.user != null) {
                command.addAll(List.of("-au", o.user, "-ap", o.password));
            }
            if (o.rate > 0) {
                command.addAll(List.of("-r", Integer.toString(o.rate)));
            }
            if (o.pauseMs > 0) {
                command.addAll(List.of("-d", Long.toString(o.pauseMs)));
            }
            o.keys.forEach((k, v) -> command.addAll(List.of("-key", k, v)));
            Process process = new ProcessBuilder(command).directory(runDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(runDir.resolve("screen.log").toFile()).start();
            return new Sipp(o, port, runDir, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String scenarioText(Options o) throws IOException {
        try (InputStream in = Sipp.class.getResourceAsStream("/sipp/" + o.scenario)) {
            if (in == null) {
                throw new IllegalArgumentException("no SIPp scenario resource /sipp/" + o.scenario);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            for (Map.Entry<String, String> fill : o.fills.entrySet()) {
                text = text.replace(fill.getKey(), fill.getValue());
            }
            return text;
        }
    }

    /** Polls /proc/net/udp: probing the port by binding it would steal it from SIPp. */
    private void awaitBound(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String bound = String.format(":%04X ", port);
        try {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("sipp exited with " + process.exitValue() + ":\n" + transcript());
                }
                if (Files.readString(Path.of("/proc/net/udp")).contains(bound)) {
                    return;
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
        throw new IllegalStateException("sipp did not bind UDP " + port + " within " + timeout);
    }

    /** SIPp's SIP port. */
    public int port() {
        return port;
    }

    /** {@code sip:127.0.0.1:<port>}, SIPp's address for a static route. */
    public String uri() {
        return "sip:127.0.0.1:" + port;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Waits for SIPp to exit; its exit status (0: the scenario went exactly as written). */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("SIPp " + options.scenario + " still running after " + timeout + "\n"
                        + transcript());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Waits a little past SIPp's own timeout; a run that outlives it is reported as exit -1. */
    public Outcome awaitExit() {
        Duration limit = options.timeout.plusSeconds(10);
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                return new Outcome(-1, read("errors.log") + "\n(SIPp did not finish in " + limit + ")",
                        read("messages.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
        }
        return new Outcome(process.isAlive() ? -1 : process.exitValue(), read("errors.log"), read("messages.log"));
    }

    /** The messages SIPp sent and received plus its errors and screen, for failure messages. */
    public String transcript() {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("messages.log", "errors.log", "screen.log")) {
            text.append("--- ").append(name).append('\n').append(read(name));
        }
        return text.toString();
    }

    /** The messages SIPp sent and received, as logged. */
    public String messages() {
        return read("messages.log");
    }

    private String read(String name) {
        Path file = dir.resolve(name);
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "(cannot read " + name + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            PeerShutdown.stop(process, Duration.ofSeconds(3));
        }
    }
}
