package rock.intercom.sip.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * SIPp (Debian's /usr/bin/sipp) as a fake SIP server over UDP on 127.0.0.1, playing a scenario
 * from src/test/resources/sipp. Used to send malformed or hostile answers. Close it in
 * {@code @AfterAll}; close kills the process.
 */
public final class SippServer implements AutoCloseable {

    private final int port;
    private final Process process;

    private SippServer(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** Starts SIPp with the scenario resource {@code /sipp/<name>.xml}, answering up to 1000 calls. */
    public static SippServer start(String scenario, Path dir) {
        int port = FreePorts.tcpAndUdp();
        int mediaPort = FreePorts.tcpAndUdp();
        while (Math.abs(mediaPort - port) < 4) {
            mediaPort = FreePorts.tcpAndUdp();
        }
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(scenario + ".xml");
            try (InputStream in = SippServer.class.getResourceAsStream("/sipp/" + scenario + ".xml")) {
                if (in == null) {
                    throw new IOException("missing test resource /sipp/" + scenario + ".xml");
                }
                Files.write(file, in.readAllBytes());
            }
            // -mp: SIPp binds a media port too (default 6000), which would clash between instances.
            Process process = new ProcessBuilder("sipp", "-sf", file.toString(), "-i", "127.0.0.1", "-p",
                    Integer.toString(port), "-mp", Integer.toString(mediaPort), "-t", "u1", "-m", "1000", "-nostdin", "-trace_err",
                    "-error_file", dir.resolve(scenario + "-errors.log").toString())
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve(scenario + "-screen.log").toFile())
                    .start();
            SippServer server = new SippServer(port, process);
            server.awaitBound(Duration.ofSeconds(10), dir.resolve(scenario + "-screen.log"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the kernel lists our UDP port as bound (probing it by binding would steal it from SIPp). */
    private void awaitBound(Duration timeout, Path screen) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        String bound = String.format(":%04X ", port);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("sipp exited with " + process.exitValue() + ":\n" + Files.readString(screen));
            }
            if (Files.readString(Path.of("/proc/net/udp")).contains(bound)) {
                return;
            }
            pause();
        }
        close();
        throw new IOException("sipp did not start on UDP " + port + " within " + timeout);
    }

    public int port() {
        return port;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
