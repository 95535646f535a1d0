package rock.intercom.app.audio;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real baresip 1.0 as the guard station: listens on 127.0.0.1 at a free port (no registrar: the
 * door INVITEs it directly), auto-answers, plays a WAV file as its microphone (aufile) and dumps
 * the audio it receives, decoded, with the sndfile filter. One account per media encryption:
 * {@value #PLAIN} (no SRTP), {@value #SRTP} ({@code mediaenc=srtp}: RTP/AVP with crypto lines)
 * {@value #SRTP_MANDATORY} ({@code mediaenc=srtp-mand}: RTP/SAVP only) and {@value #WIDEBAND}
 * (G.722 only, best-effort SRTP); the others speak G.711 only. Config comes from
 * {@code src/test/resources/audio/baresip}; {@code -t} makes baresip quit on its own should the
 * test JVM die.
 */
final class BaresipStation implements AutoCloseable {
    static final String PLAIN = "2001";
    static final String SRTP = "2002";
    static final String SRTP_MANDATORY = "2003";
    /** G.722 only (account parameter {@code audio_codecs}), best-effort SRTP. */
    static final String WIDEBAND = "2004";
    static final Path BINARY = Path.of("/usr/bin/baresip");
    static final Path MODULES = Path.of("/usr/lib/baresip/modules");
    private static final int SELF_DESTRUCT_SECONDS = 180;

    private final Process process;
    private final Path dir;
    private final Path log;
    private final int sipPort;

    private BaresipStation(Process process, Path dir, Path log, int sipPort) {
        this.process = process;
        this.dir = dir;
        this.log = log;
        this.sipPort = sipPort;
    }

    /**
     * @param sourceWav         8 kHz mono S16LE, the G.711 accounts' microphone
     * @param widebandSourceWav 16 kHz mono S16LE, the G.722 account's (aufile does not resample)
     */
    static BaresipStation start(Path dir, Path sourceWav, Path widebandSourceWav) throws IOException {
        String account = template("accounts.template").strip();
        String g711 = "PCMU/8000/1,PCMA/8000/1";
        String accounts = String.join("\n",
                fill(account, Map.of("USER", PLAIN, "CODECS", g711, "MEDIAENC", "")),
                fill(account, Map.of("USER", SRTP, "CODECS", g711, "MEDIAENC", ";mediaenc=srtp")),
                fill(account, Map.of("USER", SRTP_MANDATORY, "CODECS", g711, "MEDIAENC", ";mediaenc=srtp-mand")),
                fill(account, Map.of("USER", WIDEBAND, "CODECS", "G722/16000/1",
                        "MEDIAENC", ";mediaenc=srtp;audio_source=aufile," + widebandSourceWav))) + "\n";
        return launch(dir, sourceWav, accounts, List.of());
    }

    /**
     * A station that calls the door at once ({@code -e /dial}) from one G.711 account with
     * {@code mediaenc} ("" for plain RTP, {@code ;mediaenc=srtp}...), for incoming-call tests.
     */
    static BaresipStation caller(Path dir, Path sourceWav, String doorUri, String mediaenc) throws IOException {
        String accounts = fill(template("accounts.template").strip(), Map.of("USER", SRTP,
                "CODECS", "PCMU/8000/1,PCMA/8000/1", "MEDIAENC", mediaenc)) + "\n";
        return launch(dir, sourceWav, accounts, List.of("-e", "/dial " + doorUri));
    }

    private static BaresipStation launch(Path dir, Path sourceWav, String accounts, List<String> extra)
            throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith("dump-")).toList()) {
                Files.delete(p);
            }
        }
        int sipPort = rock.intercom.sip.testing.FreePorts.tcpAndUdp();
        int rtpLow = 2 * (15_000 + ThreadLocalRandom.current().nextInt(2_000));
        Map<String, String> values = Map.of("SIP_PORT", Integer.toString(sipPort), "DIR", dir.toString(),
                "SOURCE_WAV", sourceWav.toString(), "RTP_LOW", Integer.toString(rtpLow),
                "RTP_HIGH", Integer.toString(rtpLow + 99));
        Files.writeString(dir.resolve("config"), fill(template("config.template"), values));
        Files.writeString(dir.resolve("accounts"), accounts);
        Path log = dir.resolve("baresip.log");
        List<String> command = new java.util.ArrayList<>(List.of(BINARY.toString(), "-v", "-s", "-f", dir.toString(),
                "-t", Integer.toString(SELF_DESTRUCT_SECONDS)));
        command.addAll(extra);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        BaresipStation station = new BaresipStation(process, dir, log, sipPort);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> station.log().contains("baresip is ready.")
                    || !process.isAlive());
            if (!process.isAlive() || station.log().contains("init failed")) {
                throw new IllegalStateException("baresip did not start:\n" + station.log());
            }
        } catch (RuntimeException e) {
            station.close();
            throw e;
        }
        return station;
    }

    private static String template(String name) {
        try (InputStream in = Objects.requireNonNull(BaresipStation.class.getResourceAsStream("/audio/baresip/" + name),
                name)) {
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

    int sipPort() {
        return sipPort;
    }

    /** What baresip printed so far (its console: calls, codecs, SRTP, errors). */
    String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Calls baresip reported as terminated so far. */
    long callsEnded() {
        return log().lines().filter(l -> l.contains("terminated (duration")).count();
    }

    /** Whether baresip has a call that it has not reported terminated (or closed) yet. */
    boolean inCall() {
        String text = log();
        long started = text.lines().filter(l -> l.contains("call: answering call")).count();
        long ended = text.lines().filter(l -> l.contains("terminated (duration")
                || l.contains("session closed")).count();
        return started > ended;
    }

    /** The decoded-audio dumps ("what the station heard"), oldest first. */
    List<Path> receivedDumps() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("dump-")
                    && p.getFileName().toString().endsWith("-dec.wav")).sorted().toList();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
