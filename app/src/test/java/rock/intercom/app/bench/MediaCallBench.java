package rock.intercom.app.bench;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import rock.intercom.testkit.Baresip;

/**
 * CPU per call and send-interval jitter of the door's media against baresip's, on loopback, in one
 * run (issue 6; driven by {@code bench/media-call.sh}). Phase one runs N door calls
 * ({@link DoorCalls}, its own JVM) to sink ports, phase two N baresip calls to the
 * {@link SinkUas}; both send PCMU 20 ms frames of a 1 kHz tone (SRTP optional). For each phase
 * the sender's CPU is read from /proc over the same steady window (after a warm-up) and the jitter
 * is measured from one tcpdump capture of the whole run. Not a test: a main for the script.
 *
 * <p>Arguments: {@code CALLS SECONDS rtp|srtp WORK_DIR}, or {@code door SECONDS rtp|srtp PORTS} for
 * the child JVM.
 */
public final class MediaCallBench {
    private static final Duration WARM_UP = Duration.ofSeconds(3);

    private MediaCallBench() {
    }

    /** One sender's figures over its window. */
    private record Phase(String sender, int calls, long cpuMillis, long fromEpochNanos, long toEpochNanos,
                         List<Integer> ports) {
        double windowSeconds() {
            return (toEpochNanos - fromEpochNanos) / 1e9;
        }

        double cpuMillisPerCallSecond() {
            return cpuMillis / (calls * windowSeconds());
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && "door".equals(args[0])) {
            DoorCalls.run(new String[] {args[1], args[2], args[3]});
            return;
        }
        if (args.length != 4) {
            System.err.println("usage: MediaCallBench CALLS SECONDS rtp|srtp WORK_DIR");
            System.exit(2);
        }
        int calls = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        boolean srtp = "srtp".equals(args[2]);
        Path dir = Path.of(args[3]).toAbsolutePath();
        if (calls < 1 || calls > 16 || seconds < 8 || seconds > 300) {
            throw new IllegalArgumentException("CALLS must be 1-16 (baresip takes at most 16 -e commands) "
                    + "and SECONDS 8-300");
        }
        Files.createDirectories(dir);
        Duration window = Duration.ofSeconds(seconds).minus(WARM_UP).minusSeconds(1);
        Phase door;
        Phase baresip;
        Path pcap;
        try (RtpSinks sinks = RtpSinks.bind(2 * calls); LoopbackCapture capture = LoopbackCapture.start(dir)) {
            List<Integer> ports = sinks.rtpPorts();
            door = door(calls, seconds, srtp, ports.subList(0, calls), window);
            baresip = baresip(calls, seconds, srtp, ports.subList(calls, 2 * calls), dir, window);
            pcap = capture.stop();
        }
        Set<Integer> ports = new HashSet<>(door.ports());
        ports.addAll(baresip.ports());
        Map<Integer, List<PcapArrivals.Arrival>> arrivals = PcapArrivals.read(pcap, ports);
        System.out.printf("%n%d calls each, PCMU 20 ms, %s, %.1f s measured per sender after %d s warm-up, "
                + "%d cores; jitter from a tcpdump capture on lo%n", calls, srtp ? "SRTP AES_CM_128_HMAC_SHA1_80"
                : "plain RTP", door.windowSeconds(), WARM_UP.toSeconds(), Runtime.getRuntime().availableProcessors());
        System.out.printf("%-8s %5s %9s %11s %13s %8s %8s %8s %8s %8s%n", "sender", "calls", "cpu ms/cs", "% core/call",
                "packets/exp.", "mean us", "p50 us", "p99 us", "max us", "sigma us");
        for (Phase phase : List.of(door, baresip)) {
            Map<Integer, List<PcapArrivals.Arrival>> own = phase.ports().stream().filter(arrivals::containsKey)
                    .collect(Collectors.toMap(p -> p, arrivals::get));
            SendJitter jitter = SendJitter.of(own, phase.fromEpochNanos(), phase.toEpochNanos());
            System.out.printf("%-8s %5d %9.2f %11.2f %13s %8.0f %8d %8d %8d %8.0f%n", phase.sender(), phase.calls(),
                    phase.cpuMillisPerCallSecond(), phase.cpuMillisPerCallSecond() / 10.0,
                    jitter.packets() + "/" + Math.round(phase.calls() * phase.windowSeconds() * 50),
                    jitter.meanMicros(), jitter.p50Micros(), jitter.p99Micros(), jitter.maxMicros(), jitter.sigmaMicros());
        }
        System.out.println("cpu ms/cs = CPU milliseconds per call-second (/proc/PID/stat utime+stime); "
                + "jitter = |spacing of consecutive RTP packets - 20 ms|; sigma = standard deviation of that spacing; "
                + "exp. = calls x 50/s x window");
    }

    private static Phase door(int calls, int seconds, boolean srtp, List<Integer> ports, Duration window)
            throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        // The door's own JVM flags (Serial GC, C1 only, small heap), as the device and the package run.
        Path doorFlags = Path.of("packaging", "jvm.options").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(java));
        if (Files.exists(doorFlags)) {
            command.add("@" + doorFlags);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                MediaCallBench.class.getName(), "door", Integer.toString(seconds), srtp ? "srtp" : "rtp",
                ports.stream().map(String::valueOf).collect(Collectors.joining(","))));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        // Drain the child's output all along: a full pipe would stall its media threads.
        Thread drain = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.equals(DoorCalls.READY)) {
                        ready.complete(null);
                    } else {
                        System.out.println("door: " + line);
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("door calls ended before they ran"));
        }, "door-output");
        drain.setDaemon(true);
        drain.start();
        try {
            ready.get(30, TimeUnit.SECONDS);
            Phase phase = measure("door", calls, child.pid(), window, ports);
            if (!child.waitFor(seconds + 10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("door calls did not end");
            }
            drain.join(2000);
            return phase;
        } finally {
            child.destroyForcibly();
        }
    }

    private static Phase baresip(int calls, int seconds, boolean srtp, List<Integer> ports, Path dir,
                                 Duration window) throws Exception {
        try (SinkUas uas = new SinkUas(ports);
             Baresip caller = Baresip.benchCaller(dir.resolve("baresip"), calls, uas.port(), srtp,
                     seconds + 30)) {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> uas.answered() == calls || !caller.isAlive());
            if (!caller.isAlive() || uas.answered() != calls) {
                throw new IllegalStateException("baresip set up " + uas.answered() + " of " + calls + " calls:\n"
                        + caller.log());
            }
            Phase phase = measure("baresip", calls, caller.pid(), window, ports);
            if (!caller.isAlive()) {
                throw new IllegalStateException("baresip died during the run:\n" + caller.log());
            }
            return phase;
        }
    }

    /** Warm-up, then the process's CPU time over {@code window}, with the window's wall-clock bounds. */
    private static Phase measure(String sender, int calls, long pid, Duration window, List<Integer> ports)
            throws Exception {
        Thread.sleep(WARM_UP.toMillis());
        long cpuBefore = ProcessCpu.millis(pid);
        long from = epochNanos();
        Thread.sleep(window.toMillis());
        long cpuAfter = ProcessCpu.millis(pid);
        long to = epochNanos();
        return new Phase(sender, calls, cpuAfter - cpuBefore, from, to, List.copyOf(ports));
    }

    private static long epochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
