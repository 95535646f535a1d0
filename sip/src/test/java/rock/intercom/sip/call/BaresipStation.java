package rock.intercom.sip.call;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
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
 * A real baresip user agent (Debian's /usr/bin/baresip) registered to the test server as a
 * station that answers automatically; config generated under the test's directory from
 * {@code src/test/resources/baresip}. Optional start-up commands ({@code -e}) let it place a call.
 */
public final class BaresipStation implements AutoCloseable {

    private final Path dir;
    private final Process process;

    private BaresipStation(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    /** Starts baresip as {@code user} on the server and waits until its registration succeeded. */
    public static BaresipStation register(Path dir, String user, String password, int serverPort) {
        return start(dir, user, password, serverPort, 0, new String[0]);
    }

    /**
     * Starts baresip as {@code user}, runs {@code commands} at start-up (e.g. {@code /dial ...})
     * and quits after {@code quitAfterSeconds}, hanging up its call with BYE.
     */
    public static BaresipStation calling(Path dir, String user, String password, int serverPort, int quitAfterSeconds,
            String... commands) {
        return start(dir, user, password, serverPort, quitAfterSeconds, commands);
    }

    private static BaresipStation start(Path dir, String user, String password, int serverPort, int quitAfterSeconds,
            String... commands) {
        try {
            Files.createDirectories(dir);
            int rtp = FreePorts.tcpAndUdp();
            String[][] fields = {{"@SIP_PORT@", Integer.toString(FreePorts.tcpAndUdp())}, {"@DIR@", dir.toString()},
                {"@RTP_FIRST@", Integer.toString(rtp)}, {"@RTP_LAST@", Integer.toString(rtp + 10)},
                {"@USER@", user}, {"@PASSWORD@", password}, {"@SERVER_PORT@", Integer.toString(serverPort)}};
            for (String name : List.of("config", "accounts")) {
                String text = resource(name);
                for (String[] field : fields) {
                    text = text.replace(field[0], field[1]);
                }
                Files.writeString(dir.resolve(name), text);
            }
            List<String> command = new ArrayList<>(List.of("/usr/bin/baresip", "-f", dir.toString()));
            if (quitAfterSeconds > 0) {
                command.addAll(List.of("-t", Integer.toString(quitAfterSeconds)));
            }
            for (String c : commands) {
                command.addAll(List.of("-e", c));
            }
            Files.deleteIfExists(dir.resolve("baresip.log"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("baresip.log").toFile()).start();
            BaresipStation station = new BaresipStation(dir, process);
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> station.log().contains("200 OK"));
            } catch (RuntimeException | AssertionError e) {
                station.close();
                throw new AssertionError("baresip did not register:\n" + station.log(), e);
            }
            return station;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String log() {
        try {
            Path log = dir.resolve("baresip.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = BaresipStation.class.getResourceAsStream("/baresip/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource /baresip/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
