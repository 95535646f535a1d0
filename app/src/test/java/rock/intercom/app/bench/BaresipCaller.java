package rock.intercom.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import rock.intercom.sip.testing.FreePorts;

/**
 * baresip 1.0 as the reference sender: one process, one account, N calls dialled at start-up
 * ({@code -e /dial}, repeated) to the {@link SinkUas}. G.711 µ-law only, 20 ms, a 1 kHz WAV as
 * microphone (aufile) and no speaker (aubridge to nil), the same modules as the audio tests'
 * station; {@code mediaenc=srtp} when SRTP is benchmarked. {@code -t} bounds its life should the
 * orchestrating JVM die.
 */
final class BaresipCaller implements AutoCloseable {
    private final Process process;
    private final Path log;

    private BaresipCaller(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static BaresipCaller dial(Path dir, int calls, int uasPort, boolean srtp, int lifeSeconds) throws IOException,
            InterruptedException {
        Files.createDirectories(dir);
        Path wav = dir.resolve("tone-1000.wav");
        Process sox = new ProcessBuilder("sox", "-n", "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer",
                wav.toString(), "synth", Integer.toString(lifeSeconds), "sine", "1000", "vol", "0.5")
                .inheritIO().start();
        if (!sox.waitFor(20, TimeUnit.SECONDS) || sox.exitValue() != 0) {
            throw new IOException("sox could not make " + wav);
        }
        int rtpLow = 2 * (12_000 + ThreadLocalRandom.current().nextInt(2_000));
        String config = String.join("\n",
                "poll_method\t\tpoll",
                "sip_listen\t\t127.0.0.1:" + FreePorts.tcpAndUdp(),
                "sip_trans_def\t\tudp",
                "net_interface\t\t127.0.0.1",
                "audio_source\t\taufile," + wav,
                "audio_player\t\taubridge,nil",
                "audio_alert\t\taubridge,nil",
                "rtp_ports\t\t" + rtpLow + "-" + (rtpLow + 4 * calls + 3),
                "module_path\t\t/usr/lib/baresip/modules",
                "module\t\t\tg711.so",
                "module\t\t\taufile.so",
                "module\t\t\taubridge.so",
                "module\t\t\tsrtp.so",
                "module_app\t\taccount.so",
                "module_app\t\tmenu.so", "");
        Files.writeString(dir.resolve("config"), config);
        Files.writeString(dir.resolve("accounts"), "<sip:bench@127.0.0.1>;regint=0;audio_codecs=PCMU/8000/1"
                + (srtp ? ";mediaenc=srtp" : "") + "\n");
        Path log = dir.resolve("baresip.log");
        List<String> command = new ArrayList<>(List.of("/usr/bin/baresip", "-f", dir.toString(),
                "-t", Integer.toString(lifeSeconds)));
        for (int i = 0; i < calls; i++) {
            command.add("-e");
            command.add("/dial sip:sink" + i + "@127.0.0.1:" + uasPort);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        return new BaresipCaller(process, log);
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    String log() {
        try {
            return Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(no log: " + e + ")";
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
