package rock.intercom.app.bench;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rock.intercom.app.DeviceOptions;
import rock.intercom.app.DeviceRuntime;
import rock.intercom.app.audio.AudioSetup;
import rock.intercom.call.CallInput;
import rock.intercom.events.EventQuery;
import rock.intercom.media.session.RtpPortRange;
import rock.intercom.media.video.VideoSession;
import rock.intercom.sip.call.CallServer;
import rock.intercom.testkit.Baresip;
import rock.intercom.testkit.FreePorts;

/**
 * One 640×480@15 H.264 video call (with its G.711 audio) between a whole door device (this JVM)
 * and a baresip desk (FFmpeg's libx264 through avcodec, fakevideo) through Kamailio, both ends
 * measured in the same run (issue 14; driven by {@code bench/video-call.sh}): CPU of each process
 * over a steady window, frames each side decoded of the other's stream, and key-frame latency
 * after a PLI — the door's from the request reaching its RTCP loop to the key frame's first packet
 * leaving; baresip's from our PLI leaving to its key frame's first packet arriving. Not a test.
 *
 * <p>Arguments: {@code SECONDS rtp|srtp WORK_DIR}.
 */
public final class VideoCallBench {
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final int PLIS = 10;
    private static final Pattern DISPLAYED = Pattern.compile("vidisp: fakevideo (\\d+) x (\\d+) frames=(\\d+)");

    private VideoCallBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        boolean srtp = "srtp".equals(args[1]);
        Path dir = Path.of(args[2]).toAbsolutePath();
        Files.createDirectories(dir);
        try (CallServer server = CallServer.start(dir.resolve("kamailio"), Map.of("505", "door-secret", "400",
                "desk-secret"), Map.of());
             DeviceRuntime door = openDoor(dir, server.port());
             Baresip desk = Baresip.desk(dir.resolve("desk"), "400", "desk-secret", server.port(),
                     srtp ? ";mediaenc=srtp" : "", "640x480", 15, 500_000)) {
            await().atMost(Duration.ofSeconds(15)).until(() -> door.device().status().path("registration")
                    .path("state").asText().equals("REGISTERED"));
            door.call().post(new CallInput.ButtonPressed());
            await().atMost(Duration.ofSeconds(15)).until(() -> !door.events().query(EventQuery.newest(1)
                    .withNames(Set.of("Call Established"))).isEmpty());
            String callId = (String) door.events().query(EventQuery.newest(1).withNames(Set.of("Call Established")))
                    .get(0).details().get("callId");
            await().atMost(Duration.ofSeconds(10)).until(() -> door.audio().video().session(callId).isPresent());
            VideoSession video = door.audio().video().session(callId).orElseThrow();
            Thread.sleep(WARM_UP.toMillis());

            long self = ProcessHandle.current().pid();
            long doorCpu0 = ProcessCpu.millis(self);
            long deskCpu0 = ProcessCpu.millis(desk.pid());
            long doorFrames0 = video.statistics().framesDecoded();
            long deskFrames0 = displayedFrames(desk);
            long t0 = System.nanoTime();
            Thread.sleep(Duration.ofSeconds(seconds).toMillis());
            double window = (System.nanoTime() - t0) / 1e9;
            long doorCpu = ProcessCpu.millis(self) - doorCpu0;
            long deskCpu = ProcessCpu.millis(desk.pid()) - deskCpu0;
            double doorFps = (video.statistics().framesDecoded() - doorFrames0) / window;
            double deskFps = (displayedFrames(desk) - deskFrames0) / window;

            List<Long> doorLatency = new ArrayList<>();
            List<Long> deskLatency = new ArrayList<>();
            for (int i = 0; i < PLIS; i++) {
                long before = video.statistics().keyFramesSent();
                video.requestKeyFrame(); // what the RTCP loop does on the peer's PLI
                await().atMost(Duration.ofSeconds(3)).until(() -> video.statistics().keyFramesSent() > before);
                doorLatency.add(video.statistics().lastKeyFrameLatencyMs());
                Thread.sleep(300);
                long received = video.statistics().keyFramesReceived();
                long sent = System.nanoTime();
                video.sendPictureLossIndication();
                await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(1))
                        .until(() -> video.statistics().keyFramesReceived() > received);
                deskLatency.add((video.lastKeyFrameReceivedNanos() - sent) / 1_000_000);
                Thread.sleep(300);
            }
            String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            System.out.printf("%nOne H.264 640x480@15 call with PCMU audio, %s, %.1f s measured after %d s warm-up,"
                    + " %d cores, load average %s%n", srtp ? "SRTP AES_CM_128_HMAC_SHA1_80" : "plain RTP", window,
                    WARM_UP.toSeconds(), Runtime.getRuntime().availableProcessors(), load);
            System.out.printf("%-8s %10s %22s %24s%n", "side", "% of a core", "fps decoded of peer",
                    "key frame after PLI ms p50/max");
            System.out.printf("%-8s %10.1f %22.1f %24s%n", "door", doorCpu / (10.0 * window), doorFps,
                    median(doorLatency) + "/" + Collections.max(doorLatency));
            System.out.printf("%-8s %10.1f %22.1f %24s%n", "baresip", deskCpu / (10.0 * window), deskFps,
                    median(deskLatency) + "/" + Collections.max(deskLatency));
            System.out.println("% of a core = (utime+stime) / window from /proc/PID/stat; the door's is its whole JVM"
                    + " (SIP, portal, audio, video, this bench's idle driver).");
        }
    }

    private static DeviceRuntime openDoor(Path dir, int serverPort) throws Exception {
        String yaml = Files.readString(Path.of("examples/device.yaml"))
                .replace("sip:\n  enabled: false", "sip:\n  enabled: true")
                .replace("address: 10.40.0.224, port: 5060, transport: TCP, pollingIntervalSeconds: 30",
                        "address: 127.0.0.1, port: " + serverPort + ", transport: UDP, pollingIntervalSeconds: 30")
                .replace("authPassword: \"change-me\"", "authPassword: \"door-secret\"")
                .replace("fallbackNumbers: [\"401\", \"402\"]", "fallbackNumbers: []")
                .replace("videoCalls: OFF", "videoCalls: BOTH, video: { width: 640, height: 480, frameRate: 15 }");
        // RTP with optional SRTP: the desk's mediaenc decides, as in VideoCallsTest.
        Path config = dir.resolve("door.yaml");
        Files.writeString(config, yaml);
        int rtp = FreePorts.udpRun(20);
        return DeviceRuntime.open(new DeviceOptions(config, dir.resolve("door-data"), "127.0.0.1", 0, 0,
                AudioSetup.of("tone:1000", "none", new RtpPortRange(rtp, rtp + 19))),
                Map.of("INTERCOM_ADMIN_PASSWORD", "bench-admin-secret"), new PrintStream(new ByteArrayOutputStream()));
    }

    private static long displayedFrames(Baresip desk) {
        Matcher m = DISPLAYED.matcher(desk.control("video_debug"));
        return m.find() ? Long.parseLong(m.group(3)) : 0;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
