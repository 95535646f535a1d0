package rock.intercom.app.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rock.intercom.sip.call.CallServer;
import rock.intercom.testkit.FreePorts;
import rock.intercom.testkit.Sipp;

/**
 * Stranger flood (issue 11, bench/stranger-flood.sh): the door runs from the {@code ./intercom}
 * launcher (its heap limits) registered with Kamailio; a SIPp UAC sends strangers' INVITEs
 * straight to the door's port at RATE/s for SECONDS while, every 5 s, an allowed caller calls the
 * door through Kamailio. Printed: refusals/s, each allowed call's INVITE → 200 latency (from
 * SIPp's message trace), and the door JVM's RSS (VmRSS, sampled every 250 ms).
 */
public final class StrangerFlood {

    private static final String DOOR_PASSWORD = "flood-door-secret";
    private static final Pattern TRACE = Pattern.compile(
            "(\\d\\d:\\d\\d:\\d\\d\\.\\d+)\\s+(?:UDP|TCP) message (sent|received)[^\\n]*\\n\\s*\\n([^\\n]*)");

    private StrangerFlood() {
    }

    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        Path work = Path.of(args[2]).toAbsolutePath();
        Path root = Path.of(args[3]).toAbsolutePath();
        Files.createDirectories(work);
        try (CallServer server = CallServer.start(work.resolve("kamailio"), Map.of("100", DOOR_PASSWORD), Map.of())) {
            int sipPort = FreePorts.tcpAndUdp();
            int rtpLow = FreePorts.udpRun(20);
            Path config = work.resolve("device.yaml");
            Files.writeString(config, deviceYaml(server.port()));
            ProcessBuilder door = new ProcessBuilder(root.resolve("intercom").toString(), "device", "--config",
                    config.toString(), "--data-dir", work.resolve("data").toString(), "--http-port",
                    Integer.toString(FreePorts.tcpAndUdp()), "--sip-port", Integer.toString(sipPort), "--microphone",
                    "tone:1000", "--speaker", "none", "--rtp-ports", rtpLow + "-" + (rtpLow + 19))
                    .redirectErrorStream(true).redirectOutput(work.resolve("door.log").toFile());
            door.environment().put("INTERCOM_ADMIN_PASSWORD", "flood-admin-secret");
            Process process = door.start();
            try {
                awaitLog(work.resolve("door.log"), "registered with", Duration.ofMinutes(3), process);
                run(rate, seconds, work, server.port(), sipPort, process);
            } finally {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    private static void run(int rate, int seconds, Path work, int serverPort, int sipPort, Process door)
            throws Exception {
        long doorPid = door.pid();
        long rssBefore = rssKb(doorPid);
        RssSampler rss = new RssSampler(doorPid);
        rss.start();
        List<Double> latencies = new ArrayList<>();
        long started = System.nanoTime();
        try (Sipp flood = Sipp.scenario("stranger-flood.xml").dir(work.resolve("flood"))
                .remote("127.0.0.1:" + sipPort).service("100").calls(rate * seconds)
                .timeout(Duration.ofSeconds(seconds + 40)).rate(rate).start()) {
            for (int at = 5; at < seconds && door.isAlive(); at += 5) {
                Thread.sleep(Math.max(0, (started + TimeUnit.SECONDS.toNanos(at) - System.nanoTime()) / 1_000_000));
                try (Sipp caller = Sipp.caller(work.resolve("allowed"), "caller-hangs-up.xml",
                        "127.0.0.1:" + serverPort, "100", "caller", "555")) {
                    int exit = caller.awaitExit(Duration.ofSeconds(20));
                    Double latency = inviteTo200(caller.messages());
                    System.out.printf("allowed call at %2d s: SIPp exit %d, INVITE -> 200 %s%n", at, exit,
                            latency == null ? "none" : String.format("%.1f ms", latency));
                    if (latency != null) {
                        latencies.add(latency);
                    }
                }
            }
            if (!door.isAlive()) {
                flood.close();
                System.out.printf("door exited after %.1f s: %s%n", (System.nanoTime() - started) / 1e9,
                        lastLine(work.resolve("door.log")));
            }
            Sipp.Outcome outcome = flood.awaitExit();
            double elapsed = (System.nanoTime() - started) / 1e9;
            rss.interrupt();
            rss.join();
            long refused = countRefusals(outcome.messages());
            System.out.printf("flood: %d INVITEs asked at %d/s for %d s; %d refusals seen in %.1f s = %.0f refusals/s;"
                    + " SIPp exit %d%n", rate * seconds, rate, seconds, refused, elapsed, refused / elapsed,
                    outcome.exitCode());
            System.out.printf("allowed calls: %d answered, INVITE -> 200 max %.1f ms, mean %.1f ms%n",
                    latencies.size(), latencies.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
                    latencies.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
            System.out.printf("door RSS: %d MB before, %d MB max during, %d MB after%n", rssBefore / 1024,
                    rss.maxKb / 1024, rssKb(doorPid) / 1024);
        }
    }

    /** The time from the INVITE sent to the 200 received in one SIPp message trace, in ms. */
    static Double inviteTo200(String trace) {
        Matcher m = TRACE.matcher(trace);
        Double sent = null;
        while (m.find()) {
            double at = LocalTime.parse(m.group(1).length() > 15 ? m.group(1).substring(0, 15) : m.group(1))
                    .toNanoOfDay() / 1e6;
            String first = m.group(3).trim();
            if (m.group(2).equals("sent") && first.startsWith("INVITE") && sent == null) {
                sent = at;
            } else if (m.group(2).equals("received") && first.startsWith("SIP/2.0 200") && sent != null) {
                return at - sent;
            }
        }
        return null;
    }

    private static long countRefusals(String trace) {
        Matcher m = Pattern.compile("message received[^\\n]*\\n\\s*\\n\\s*SIP/2.0 [3-6]\\d\\d").matcher(trace);
        long count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }

    private static String deviceYaml(int serverPort) {
        return """
                device: { id: flood-door, name: Flood Door }
                sip:
                  enabled: true
                  server: { address: 127.0.0.1, port: %d, transport: UDP, pollingIntervalSeconds: 30, caCertificatePem: null }
                  encryption: RTP_OPTIONAL_SRTP
                  identity: { authUsername: "100", authPassword: "%s", displayName: Flood Door, extension: "100" }
                  callNumber: "400"
                  fallbackNumbers: []
                  callOptions: { microphoneVolume: 80, speakerVolume: 70, callTimeoutSeconds: 35, videoCalls: OFF }
                  incomingCalls: { allow: true, mode: SIP_SERVER, allowedCallers: [] }
                  proxy: { enabled: false, address: null, port: 5060, authUsername: null, authPassword: null }
                """.formatted(serverPort, DOOR_PASSWORD);
    }

    private static void awaitLog(Path log, String text, Duration limit, Process process) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("door exited:\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("door not registered within " + limit + ":\n" + Files.readString(log));
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException gone) {
            return 0;
        }
        return 0;
    }

    /** Samples the door's RSS every 250 ms until interrupted, keeping the maximum. */
    private static final class RssSampler extends Thread {
        private final long pid;
        private volatile long maxKb;

        RssSampler(long pid) {
            super("rss-sampler");
            this.pid = pid;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                maxKb = Math.max(maxKb, rssKb(pid));
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
