package rock.intercom.app.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
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
import rock.intercom.app.door.InputEvent;
import rock.intercom.sip.call.CallServer;
import rock.intercom.testkit.Baresip;
import rock.intercom.testkit.FreePorts;

/**
 * Footprint and start-up of the door (issue 15) next to baresip, in one run, both registered to
 * the same Kamailio over UDP and calling the same desk (a baresip station, extension 400, that
 * answers): per start, start → the registrar's 200 OK to REGISTER on the wire; 3 s later the RSS
 * (idle, registered); then the first call: trigger (the wired button's input_event written to its
 * FIFO, or baresip's console command) → INVITE on the wire; 5 s into the answered call the RSS
 * again; hang up, stop. Each subject is started once unmeasured (data dir, page cache), then
 * {@code runs} times. Usage: FootprintBench WORK_DIR RUNS SUBJECT... where SUBJECT is
 * {@code door:LABEL:LAUNCHER[:CDS_ARCHIVE]} or {@code baresip}.
 */
public final class FootprintBench {

    private static final String DOOR = "505";
    private static final String BARESIP = "506";
    private static final String DESK = "400";
    private static final String PASSWORD = "bench-pass-1";
    private static final int KEY_PROG1 = 148;

    /** RSS as VmRSS (what top shows) and RssAnon (private: what file-backed pages such as libjvm and the CDS archive are not). */
    record Run(long startMs, double firstCallMs, double laterCallMs, long idleKib, long callKib, long idleAnonKib,
            long callAnonKib) {
    }

    /** Calls after the first, per start: their trigger → INVITE median is the steady press figure. */
    private static final int LATER_CALLS = 5;

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        Files.createDirectories(work);
        try (CallServer server = CallServer.start(work.resolve("kamailio"),
                Map.of(DOOR, PASSWORD, BARESIP, PASSWORD, DESK, PASSWORD), Map.of());
                Baresip desk = Baresip.registered(work.resolve("desk"), DESK, PASSWORD, server.port(), 3600);
                SipWireTap tap = SipWireTap.on(server.port())) {
            Map<String, List<Run>> results = new LinkedHashMap<>();
            for (int i = 2; i < args.length; i++) {
                Subject subject = Subject.parse(args[i], work.resolve("subject-" + (i - 1)), server.port());
                subject.measure(tap); // unmeasured: data dir, page cache
                List<Run> measured = new ArrayList<>();
                for (int r = 0; r < runs; r++) {
                    measured.add(subject.measure(tap));
                    System.err.printf("%s run %d: %s%n", subject.label, r + 1, measured.get(r));
                }
                results.put(subject.label, measured);
            }
            print(results, runs);
        }
    }

    private static void print(Map<String, List<Run>> results, int runs) {
        System.out.printf("%-44s %8s", "figure (median of " + runs + "; min-max)", "target");
        results.keySet().forEach(label -> System.out.printf(" %24s", label));
        System.out.println();
        row(results, "start -> REGISTERED (ms)", "<= 1000", r -> (double) r.startMs(), "%.0f");
        row(results, "first call: trigger -> INVITE (ms)", "<= 20", Run::firstCallMs, "%.1f");
        row(results, "later calls: trigger -> INVITE, p50 (ms)", "<= 1", Run::laterCallMs, "%.2f");
        row(results, "RSS idle, registered (MiB)", "<= 64", r -> r.idleKib() / 1024.0, "%.1f");
        row(results, "RSS in call (MiB)", "<= 72", r -> r.callKib() / 1024.0, "%.1f");
        row(results, "  of which anonymous, idle (MiB)", "", r -> r.idleAnonKib() / 1024.0, "%.1f");
        row(results, "  of which anonymous, in call (MiB)", "", r -> r.callAnonKib() / 1024.0, "%.1f");
    }

    private static void row(Map<String, List<Run>> results, String name, String target,
            java.util.function.ToDoubleFunction<Run> f, String format) {
        System.out.printf("%-44s %8s", name, target);
        for (List<Run> runs : results.values()) {
            double[] v = runs.stream().mapToDouble(f).sorted().toArray();
            String cell = String.format(format + " (" + format + "-" + format + ")", v[v.length / 2], v[0],
                    v[v.length - 1]);
            System.out.printf(" %24s", cell);
        }
        System.out.println();
    }

    /** One thing that registers and calls: a door launcher or baresip. */
    private abstract static class Subject {
        final String label;
        final Path dir;
        final int serverPort;
        final int sipPort = FreePorts.tcpAndUdp();

        Subject(String label, Path dir, int serverPort) {
            this.label = label;
            this.dir = dir;
            this.serverPort = serverPort;
        }

        static Subject parse(String spec, Path dir, int serverPort) throws IOException {
            String[] parts = spec.split(":");
            if (parts[0].equals("baresip")) {
                return new BaresipSubject(dir, serverPort);
            }
            return new DoorSubject(parts[1], Path.of(parts[2]), parts.length > 3 ? parts[3] : "none", dir, serverPort);
        }

        abstract Process start() throws IOException;

        abstract void call() throws IOException;

        abstract void hangUp() throws IOException;

        Run measure(SipWireTap tap) throws Exception {
            Files.createDirectories(dir);
            Instant started = Instant.now();
            Process process = start();
            try {
                SipWireTap.Packet registered = tap.first(started, SipWireTap.registeredAt(sipPort),
                        Duration.ofSeconds(60)).orElseThrow(() -> new IllegalStateException(label + " did not register"));
                Thread.sleep(3000);
                long idle = rssKib(process.pid(), "VmRSS:");
                long idleAnon = rssKib(process.pid(), "RssAnon:");
                Instant trigger = Instant.now();
                SipWireTap.Packet invite = callAnswered(tap, trigger);
                Thread.sleep(5000);
                long inCall = rssKib(process.pid(), "VmRSS:");
                long inCallAnon = rssKib(process.pid(), "RssAnon:");
                hangUp();
                Thread.sleep(1000);
                double[] later = new double[LATER_CALLS];
                for (int i = 0; i < LATER_CALLS; i++) {
                    later[i] = callAndHangUp(tap);
                }
                java.util.Arrays.sort(later);
                return new Run(Duration.between(started, registered.at).toMillis(),
                        Duration.between(trigger, invite.at).toNanos() / 1e6, later[LATER_CALLS / 2], idle, inCall,
                        idleAnon, inCallAnon);
            } finally {
                process.destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        }

        /** Triggers a call at {@code trigger}, waits for the desk's answer on the wire; the INVITE seen. */
        private SipWireTap.Packet callAnswered(SipWireTap tap, Instant trigger) throws Exception {
            call();
            SipWireTap.Packet invite = tap.first(trigger, SipWireTap.inviteFrom(sipPort), Duration.ofSeconds(10))
                    .orElseThrow(() -> new IllegalStateException(label + " sent no INVITE"));
            tap.first(trigger, SipWireTap.answeredAt(sipPort), Duration.ofSeconds(10))
                    .orElseThrow(() -> new IllegalStateException(label + ": the desk did not answer"));
            return invite;
        }

        /** One more call, answered and hung up; its trigger → INVITE on the wire in ms. */
        private double callAndHangUp(SipWireTap tap) throws Exception {
            Instant trigger = Instant.now();
            SipWireTap.Packet invite = callAnswered(tap, trigger);
            Thread.sleep(700); // past the button's 500 ms debounce from the answer
            hangUp();
            Thread.sleep(1000);
            return Duration.between(trigger, invite.at).toNanos() / 1e6;
        }

        static long rssKib(long pid, String field) throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            throw new IOException("no " + field + " for " + pid);
        }
    }

    /** The door, run by a launcher (the package's bin/intercom or ./intercom), its button a FIFO. */
    private static final class DoorSubject extends Subject {
        private final Path launcher;
        private final String cds;
        private final Path button;

        DoorSubject(String label, Path launcher, String cds, Path dir, int serverPort) throws IOException {
            super(label, dir, serverPort);
            this.launcher = launcher;
            this.cds = cds;
            this.button = dir.resolve("button");
            Files.createDirectories(dir);
            if (!Files.exists(button)) {
                try {
                    new ProcessBuilder("mkfifo", button.toString()).inheritIO().start().waitFor();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            Files.writeString(dir.resolve("device.yaml"), """
                    device: { id: bench-door, name: Bench door }
                    sip:
                      enabled: true
                      server: { address: 127.0.0.1, port: %d, transport: UDP, pollingIntervalSeconds: 30, caCertificatePem: null }
                      encryption: RTP_OPTIONAL_SRTP
                      identity: { authUsername: "%s", authPassword: "%s", displayName: Door, extension: "%s" }
                      callNumber: "%s"
                      fallbackNumbers: []
                      callOptions: { microphoneVolume: 80, speakerVolume: 70, callTimeoutSeconds: 35, videoCalls: OFF }
                      incomingCalls: { allow: true, mode: EXTENSION_LIST, allowedCallers: [] }
                      proxy: { enabled: false, address: null, port: 5060, authUsername: null, authPassword: null }
                    """.formatted(serverPort, DOOR, PASSWORD, DOOR, DESK));
        }

        @Override
        Process start() throws IOException {
            int rtp = FreePorts.udpRun(8);
            ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "device", "--config",
                    dir.resolve("device.yaml").toString(), "--data-dir", dir.resolve("data").toString(),
                    "--http-host", "127.0.0.1", "--http-port", "0", "--sip-port", Integer.toString(sipPort),
                    "--microphone", "tone:1000", "--speaker", "none", "--rtp-ports", rtp + "-" + (rtp + 7),
                    "--button", "evdev:" + button + ":KEY_PROG1")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dir.resolve("door.log").toFile()));
            builder.environment().put("INTERCOM_ADMIN_PASSWORD", PASSWORD);
            builder.environment().put("INTERCOM_CDS", cds);
            return builder.start();
        }

        @Override
        void call() throws IOException {
            press();
        }

        @Override
        void hangUp() throws IOException {
            press();
        }

        /** One press and release, as the kernel's input_event records; the clock starts before the open. */
        private void press() throws IOException {
            try (OutputStream out = Files.newOutputStream(button)) {
                out.write(new InputEvent(InputEvent.EV_KEY, KEY_PROG1, 1).encode());
                out.write(new InputEvent(0, 0, 0).encode());
                out.flush();
                out.write(new InputEvent(InputEvent.EV_KEY, KEY_PROG1, 0).encode());
                out.write(new InputEvent(0, 0, 0).encode());
            }
        }
    }

    /** baresip 1.0 from Debian: G.711, a sine tone, no sound card; commands over its UDP console (cons). */
    private static final class BaresipSubject extends Subject {
        private final int console = FreePorts.tcpAndUdp();

        BaresipSubject(Path dir, int serverPort) throws IOException {
            super("baresip", dir, serverPort);
            Files.createDirectories(dir);
            int rtp = FreePorts.udpRun(8);
            Files.writeString(dir.resolve("config"), String.join("\n",
                    "poll_method poll", "sip_listen 127.0.0.1:" + sipPort, "net_interface 127.0.0.1",
                    "module_path " + Baresip.MODULES, "module g711.so", "module ausine.so", "module aubridge.so",
                    "module cons.so", "module_app account.so", "module_app menu.so",
                    "cons_listen 127.0.0.1:" + console, "audio_source ausine,1000", "audio_player aubridge,nil",
                    "audio_alert aubridge,nil", "rtp_ports " + rtp + "-" + (rtp + 7), ""));
            Files.writeString(dir.resolve("accounts"), "<sip:" + BARESIP + "@127.0.0.1:" + serverPort
                    + ";transport=udp>;auth_pass=" + PASSWORD + ";regint=3600;audio_codecs=PCMU/8000/1\n");
        }

        @Override
        Process start() throws IOException {
            return new ProcessBuilder(Baresip.BINARY.toString(), "-f", dir.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("baresip.log").toFile())).start();
        }

        @Override
        void call() throws IOException {
            command("/dial sip:" + DESK + "@127.0.0.1:" + serverPort + "\n");
        }

        @Override
        void hangUp() throws IOException {
            command("/hangup\n");
        }

        private void command(String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            try (DatagramSocket socket = new DatagramSocket()) {
                socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), console));
            }
        }
    }
}
