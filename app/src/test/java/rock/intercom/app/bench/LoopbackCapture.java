package rock.intercom.app.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * tcpdump on the loopback interface, UDP only, headers only (96 bytes a packet), kernel
 * timestamps in nanoseconds: the capture both senders' jitter is measured from. Immediate mode and
 * per-packet writes, so that stopping it loses nothing of the last seconds (its ring buffer would
 * otherwise still hold them when it is terminated).
 */
final class LoopbackCapture implements AutoCloseable {
    private final Process process;
    private final Path pcap;
    private final Path log;

    private LoopbackCapture(Process process, Path pcap, Path log) {
        this.process = process;
        this.pcap = pcap;
        this.log = log;
    }

    static LoopbackCapture start(Path dir) throws IOException, InterruptedException {
        Path pcap = dir.resolve("media-call.pcap");
        Path log = dir.resolve("tcpdump.log");
        Process process = new ProcessBuilder(List.of("tcpdump", "-i", "lo", "-n", "-s", "96",
                "--time-stamp-precision", "nano", "--immediate-mode", "-U", "-w", pcap.toString(), "udp"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LoopbackCapture capture = new LoopbackCapture(process, pcap, log);
        try {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !process.isAlive() || capture.log().contains("listening on"));
        } catch (RuntimeException e) {
            capture.close();
            throw e;
        }
        if (!process.isAlive()) {
            throw new IOException("tcpdump did not start: " + capture.log());
        }
        return capture;
    }

    private String log() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
    }

    /** Stops tcpdump (it flushes on SIGTERM) and returns the capture file. */
    Path stop() throws InterruptedException {
        close();
        return pcap;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
