package rock.intercom.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real baresip 1.0 (Debian's /usr/bin/baresip) on 127.0.0.1, on free ports, with its config
 * generated under the test's directory. Three roles: a station registered to a test server
 * ({@link #registered}), the audio tests' guard station that the door INVITEs directly
 * ({@link #guardStation}, {@link #guardCaller}), and the benchmark's sender ({@link #benchCaller}).
 * Its life is bounded twice: baresip's own {@code -t} quits it, and a JVM shutdown hook destroys it
 * should the test JVM exit without {@link #close()}.
 */
public final class Baresip implements AutoCloseable {
    /** Guard station account without SRTP. */
    public static final String PLAIN = "2001";
    /** Guard station account with best-effort SRTP ({@code mediaenc=srtp}: RTP/AVP with crypto lines). */
    public static final String SRTP = "2002";
    /** Guard station account with mandatory SRTP ({@code mediaenc=srtp-mand}: RTP/SAVP only). */
    public static final String SRTP_MANDATORY = "2003";
    /** Guard station account with G.722 only (account parameter {@code audio_codecs}), best-effort SRTP. */
    public static final String WIDEBAND = "2004";
    public static final Path BINARY = Path.of("/usr/bin/baresip");
    public static final Path MODULES = Path.of("/usr/lib/baresip/modules");
    /** baresip's {@code -t} unless a role says otherwise: longer than any test, short enough to clean up after a crash. */
    private static final int DEFAULT_LIFE_SECONDS = 180;

    private final Process process;
    private final Path dir;
    private final Path log;
    private final int sipPort;
    private final Thread killOnExit;
    /** ctrl_tcp's port for the roles that load it ({@link #desk}), else 0. */
    private int controlPort;

    private Baresip(Process process, Path dir, int sipPort) {
        this.process = process;
        this.dir = dir;
        this.log = dir.resolve("baresip.log");
        this.sipPort = sipPort;
        this.killOnExit = new Thread(process::destroyForcibly, "kill-baresip");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Station {@code user} (auto-answer, 440 Hz microphone) registered to the server; returns once registered. */
    public static Baresip registered(Path dir, String user, String password, int serverPort) {
        return registered(dir, user, password, serverPort, DEFAULT_LIFE_SECONDS);
    }

    /**
     * Station {@code user} that runs {@code commands} at start-up (e.g. {@code /dial ...}) and quits
     * after {@code quitAfterSeconds}, hanging up its call with BYE.
     */
    public static Baresip registered(Path dir, String user, String password, int serverPort, int quitAfterSeconds,
            String... commands) {
        int rtp = FreePorts.udpRun(12);
        Map<String, String> values = Map.of("USER", user, "PASSWORD", password,
                "SERVER_PORT", Integer.toString(serverPort), "RTP_FIRST", Integer.toString(rtp),
                "RTP_LAST", Integer.toString(rtp + 10));
        List<String> args = new ArrayList<>();
        for (String c : commands) {
            args.addAll(List.of("-e", c));
        }
        Baresip station = launch(dir, template("station.config"), fill(template("station.accounts"), values), values,
                args, quitAfterSeconds);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> station.log().contains("200 OK"));
        } catch (RuntimeException | AssertionError e) {
            station.close();
            throw new AssertionError("baresip did not register:\n" + station.log(), e);
        }
        return station;
    }

    /**
     * The guard station: accounts {@link #PLAIN}, {@link #SRTP}, {@link #SRTP_MANDATORY} (G.711) and
     * {@link #WIDEBAND} (G.722), auto-answering; what it hears is dumped decoded ({@link #receivedDumps}).
     *
     * @param sourceWav         8 kHz mono S16LE, the G.711 accounts' microphone
     * @param widebandSourceWav 16 kHz mono S16LE, the G.722 account's (aufile does not resample)
     */
    public static Baresip guardStation(Path dir, Path sourceWav, Path widebandSourceWav) {
        String account = template("guard.accounts").strip();
        String g711 = "PCMU/8000/1,PCMA/8000/1";
        String accounts = String.join("\n",
                fill(account, Map.of("USER", PLAIN, "CODECS", g711, "MEDIAENC", "")),
                fill(account, Map.of("USER", SRTP, "CODECS", g711, "MEDIAENC", ";mediaenc=srtp")),
                fill(account, Map.of("USER", SRTP_MANDATORY, "CODECS", g711, "MEDIAENC", ";mediaenc=srtp-mand")),
                fill(account, Map.of("USER", WIDEBAND, "CODECS", "G722/16000/1",
                        "MEDIAENC", ";mediaenc=srtp;audio_source=aufile," + widebandSourceWav))) + "\n";
        return launchGuard(dir, sourceWav, accounts, List.of());
    }

    /**
     * A guard station that calls the door at once ({@code -e /dial}) from one G.711 account with
     * {@code mediaenc} ("" for plain RTP, {@code ;mediaenc=srtp}...), for incoming-call tests.
     */
    public static Baresip guardCaller(Path dir, Path sourceWav, String doorUri, String mediaenc) {
        String accounts = fill(template("guard.accounts").strip(), Map.of("USER", SRTP,
                "CODECS", "PCMU/8000/1,PCMA/8000/1", "MEDIAENC", mediaenc)) + "\n";
        return launchGuard(dir, sourceWav, accounts, List.of("-e", "/dial " + doorUri));
    }

    private static Baresip launchGuard(Path dir, Path sourceWav, String accounts, List<String> args) {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> old = Files.list(dir)) {
                for (Path p : old.filter(p -> p.getFileName().toString().startsWith("dump-")).toList()) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int rtpLow = FreePorts.udpRun(100);
        Map<String, String> values = Map.of("SOURCE_WAV", sourceWav.toString(), "RTP_LOW", Integer.toString(rtpLow),
                "RTP_HIGH", Integer.toString(rtpLow + 99));
        List<String> all = new ArrayList<>(List.of("-v", "-s"));
        all.addAll(args);
        Baresip station = launch(dir, template("guard.config"), accounts, values, all, DEFAULT_LIFE_SECONDS);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> station.log().contains("baresip is ready.")
                    || !station.process.isAlive());
            if (!station.process.isAlive() || station.log().contains("init failed")) {
                throw new IllegalStateException("baresip did not start:\n" + station.log());
            }
        } catch (RuntimeException e) {
            station.close();
            throw e;
        }
        return station;
    }

    /**
     * The benchmark's reference sender: {@code calls} calls dialled at start-up to {@code sink<i>} at
     * {@code uasPort}; G.711 µ-law, 20 ms, a 1 kHz WAV (made with sox) as microphone, no speaker,
     * {@code mediaenc=srtp} if asked; quits after {@code lifeSeconds}.
     */
    public static Baresip benchCaller(Path dir, int calls, int uasPort, boolean srtp, int lifeSeconds)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path wav = dir.resolve("tone-1000.wav");
        Process sox = new ProcessBuilder("sox", "-n", "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer",
                wav.toString(), "synth", Integer.toString(lifeSeconds), "sine", "1000", "vol", "0.5")
                .inheritIO().start();
        if (!sox.waitFor(20, TimeUnit.SECONDS) || sox.exitValue() != 0) {
            throw new IOException("sox could not make " + wav);
        }
        int rtpLow = FreePorts.udpRun(4 * calls + 4);
        String config = String.join("\n",
                "poll_method\t\tpoll",
                "sip_listen\t\t127.0.0.1:${SIP_PORT}",
                "sip_trans_def\t\tudp",
                "net_interface\t\t127.0.0.1",
                "audio_source\t\taufile," + wav,
                "audio_player\t\taubridge,nil",
                "audio_alert\t\taubridge,nil",
                "rtp_ports\t\t" + rtpLow + "-" + (rtpLow + 4 * calls + 3),
                "module_path\t\t" + MODULES,
                "module\t\t\tg711.so",
                "module\t\t\taufile.so",
                "module\t\t\taubridge.so",
                "module\t\t\tsrtp.so",
                "module_app\t\taccount.so",
                "module_app\t\tmenu.so", "");
        String accounts = "<sip:bench@127.0.0.1>;regint=0;audio_codecs=PCMU/8000/1" + (srtp ? ";mediaenc=srtp" : "")
                + "\n";
        List<String> args = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            args.addAll(List.of("-e", "/dial sip:sink" + i + "@127.0.0.1:" + uasPort));
        }
        return launch(dir, config, accounts, Map.of(), args, lifeSeconds);
    }

    /**
     * A station driven over HTTP (baresip's {@code httpd} module on {@code httpPort}: {@code GET
     * /?/dial%20URI} runs a menu command), as an integration would press a door's button through
     * its web API: the peer of {@code bench/api-press.sh}. No registration (it dials URIs directly),
     * G.711 µ-law, a sine microphone, no sound card; quits after {@code lifeSeconds}.
     */
    public static Baresip httpControlled(Path dir, int httpPort, int lifeSeconds) {
        int rtp = FreePorts.udpRun(12);
        String config = String.join("\n",
                "poll_method\t\tpoll",
                "sip_listen\t\t127.0.0.1:${SIP_PORT}",
                "net_interface\t\t127.0.0.1",
                "audio_source\t\tausine,440",
                "audio_player\t\taubridge,nil",
                "audio_alert\t\taubridge,nil",
                "rtp_ports\t\t" + rtp + "-" + (rtp + 11),
                "module_path\t\t" + MODULES,
                "module\t\t\tg711.so",
                "module\t\t\tausine.so",
                "module\t\t\taubridge.so",
                "module_app\t\taccount.so",
                "module_app\t\tmenu.so",
                "module_app\t\thttpd.so",
                "http_listen\t\t127.0.0.1:" + httpPort, "");
        return launch(dir, config, "<sip:505@127.0.0.1>;regint=0;audio_codecs=PCMU/8000/1\n", Map.of(), List.of(),
                lifeSeconds);
    }

    /**
     * A guard desk {@code user} registered to the server, auto-answering, G.711 µ-law with
     * {@code mediaenc} ("" or {@code ;mediaenc=srtp}...), and with {@code video}: H.264 through
     * FFmpeg ({@code avcodec}, both packetization modes offered) from {@code fakevideo} at
     * 320×240@15; without it the desk has no video codec and refuses video m-lines (port 0).
     * {@code commands} run at start-up (e.g. {@code /dial ...}); {@link #control} talks to it while it runs.
     */
    public static Baresip desk(Path dir, String user, String password, int serverPort, String mediaenc,
            boolean video, String... commands) {
        return desk(dir, user, password, serverPort, mediaenc, video ? "320x240" : null, 15, 300_000, commands);
    }

    /** A desk whose fakevideo camera sends {@code videoSize} ({@code WxH}, null: no video) at {@code fps} and {@code bitrate} bit/s. */
    public static Baresip desk(Path dir, String user, String password, int serverPort, String mediaenc,
            String videoSize, int fps, int bitrate, String... commands) {
        int rtp = FreePorts.udpRun(12);
        int control = FreePorts.tcpAndUdp();
        String videoModules = videoSize != null ? String.join("\n", "module\t\t\tavcodec.so",
                "module\t\t\tfakevideo.so", "video_source\t\tfakevideo,nil", "video_display\t\tfakevideo,nil",
                "video_size\t\t" + videoSize, "video_fps\t\t" + fps, "video_bitrate\t\t" + bitrate) : "";
        Map<String, String> values = Map.of("USER", user, "PASSWORD", password,
                "SERVER_PORT", Integer.toString(serverPort), "RTP_FIRST", Integer.toString(rtp),
                "RTP_LAST", Integer.toString(rtp + 10), "MEDIAENC", mediaenc, "VIDEO_MODULES", videoModules,
                "CTRL_PORT", Integer.toString(control));
        List<String> args = new ArrayList<>(List.of("-v"));
        for (String c : commands) {
            args.addAll(List.of("-e", c));
        }
        Baresip desk = launch(dir, fill(template("desk.config"), values), fill(template("desk.accounts"), values),
                values, args, DEFAULT_LIFE_SECONDS);
        desk.controlPort = control;
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> desk.log().contains("200 OK")
                    || !desk.process.isAlive());
            if (!desk.process.isAlive() || !desk.log().contains("200 OK")) {
                throw new IllegalStateException("baresip desk did not register:\n" + desk.log());
            }
        } catch (RuntimeException e) {
            desk.close();
            throw e;
        }
        return desk;
    }

    /**
     * Runs a menu command through ctrl_tcp (a JSON netstring, baresip's {@code ctrl_tcp} module) and
     * returns what it printed, e.g. {@code video_debug}: {@code vidisp: fakevideo 320 x 240 frames=42}.
     */
    public String control(String command) {
        if (controlPort == 0) {
            throw new IllegalStateException("this baresip role has no ctrl_tcp");
        }
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", controlPort)) {
            socket.setSoTimeout(3000);
            byte[] json = ("{\"command\":\"" + command + "\",\"token\":\"t\"}").getBytes(StandardCharsets.UTF_8);
            var out = socket.getOutputStream();
            out.write((json.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.write(json);
            out.write(',');
            out.flush();
            var in = new java.io.DataInputStream(socket.getInputStream());
            StringBuilder length = new StringBuilder();
            for (int c = in.read(); c != ':'; c = in.read()) {
                if (c < 0 || length.length() > 9) {
                    throw new IOException("ctrl_tcp closed or sent no netstring");
                }
                length.append((char) c);
            }
            byte[] body = new byte[Integer.parseInt(length.toString())];
            in.readFully(body);
            String reply = new String(body, StandardCharsets.UTF_8);
            int data = reply.indexOf("\"data\":\"");
            if (data < 0) {
                return reply;
            }
            String text = reply.substring(data + 8);
            text = text.substring(0, Math.max(0, text.lastIndexOf('"')));
            return text.replace("\\n", "\n").replace("\\t", "\t").replace("\\\"", "\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes config and accounts ({@code ${SIP_PORT}} and {@code ${DIR}} filled in here) and starts baresip. */
    private static Baresip launch(Path dir, String config, String accounts, Map<String, String> values,
            List<String> args, int lifeSeconds) {
        try {
            Files.createDirectories(dir);
            int sipPort = FreePorts.tcpAndUdp();
            Map<String, String> all = new LinkedHashMap<>(values);
            all.put("SIP_PORT", Integer.toString(sipPort));
            all.put("DIR", dir.toString());
            Files.writeString(dir.resolve("config"), fill(config, all));
            Files.writeString(dir.resolve("accounts"), accounts);
            Files.deleteIfExists(dir.resolve("baresip.log"));
            List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-f", dir.toString(),
                    "-t", Integer.toString(lifeSeconds > 0 ? lifeSeconds : DEFAULT_LIFE_SECONDS)));
            command.addAll(args);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("baresip.log").toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            return new Baresip(process, dir, sipPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String template(String name) {
        try (InputStream in = Objects.requireNonNull(Baresip.class.getResourceAsStream("/baresip/" + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fill(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("${" + e.getKey() + "}", e.getValue());
        }
        return out;
    }

    public int sipPort() {
        return sipPort;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What baresip printed so far (its console: registrations, calls, codecs, SRTP, errors). */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Calls baresip reported as terminated so far. */
    public long callsEnded() {
        return log().lines().filter(l -> l.contains("terminated (duration")).count();
    }

    /** Whether baresip has a call that it has not reported terminated (or closed) yet. */
    public boolean inCall() {
        String text = log();
        long started = text.lines().filter(l -> l.contains("call: answering call")).count();
        long ended = text.lines().filter(l -> l.contains("terminated (duration")
                || l.contains("session closed")).count();
        return started > ended;
    }

    /** The guard station's decoded-audio dumps ("what the station heard"), oldest first. */
    public List<Path> receivedDumps() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("dump-")
                    && p.getFileName().toString().endsWith("-dec.wav")).sorted().toList();
        }
    }

    @Override
    public void close() {
        PeerShutdown.stop(process, Duration.ofSeconds(3));
        PeerShutdown.dropKillOnExit(killOnExit);
    }
}
