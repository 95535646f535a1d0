package rock.intercom.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import rock.intercom.media.sdp.MediaDirection;
import rock.intercom.media.sdp.NegotiatedVideo;
import rock.intercom.media.session.MediaSockets;
import rock.intercom.media.session.RtpPortRange;
import rock.intercom.media.video.Camera;
import rock.intercom.media.video.CameraSnapshot;
import rock.intercom.media.video.RtcpFeedback;
import rock.intercom.media.video.VideoEngine;
import rock.intercom.media.video.VideoSession;
import rock.intercom.media.video.VideoStatistics;
import rock.intercom.settings.VideoOptions;

/**
 * Two costs of issue 14's additions, printed (driven by {@code bench/video-pictures.sh}; not a
 * test): how long the device page's camera view takes outside a call (the camera pipeline opened,
 * one JPEG, closed — the test pattern, so the figure is GStreamer's part, not a camera's exposure),
 * and what a flood of bogus generic NACKs costs a sending 640×480@15 session: the CPU of its RTCP
 * thread and the packets it resends, against the same window without the flood.
 *
 * <p>Arguments: {@code SNAPSHOTS NACKS_PER_SECOND SECONDS}.
 */
public final class VideoPicturesBench {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private VideoPicturesBench() {
    }

    public static void main(String[] args) throws Exception {
        int snapshots = Integer.parseInt(args[0]);
        int nackRate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        VideoEngine.unavailable().ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        System.out.printf("load average %.2f, %d cores%n", ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        cameraView(snapshots);
        nackFlood(nackRate, seconds);
    }

    private static void cameraView(int count) {
        List<Long> millis = new ArrayList<>();
        int size = 0;
        for (int i = 0; i < count + 2; i++) {
            long start = System.nanoTime();
            CameraSnapshot.Result result = CameraSnapshot.take(Camera.TEST, VideoOptions.DEFAULTS, 3000);
            long took = (System.nanoTime() - start) / 1_000_000;
            if (!(result instanceof CameraSnapshot.Result.Picture picture)) {
                throw new IllegalStateException(((CameraSnapshot.Result.Failed) result).reason());
            }
            if (i >= 2) { // the first two warm GStreamer's registry and the JIT
                millis.add(took);
                size = picture.jpeg().length;
            }
        }
        Collections.sort(millis);
        System.out.printf("camera view outside a call (test pattern 640x480, %d takes): p50 %d ms, max %d ms, "
                + "JPEG %d KB%n", count, millis.get(millis.size() / 2), millis.get(millis.size() - 1), size / 1024);
    }

    private static void nackFlood(int perSecond, int seconds) throws Exception {
        RtpPortRange ports = new RtpPortRange(43000, 43099);
        MediaSockets peer = ports.bind(LOOPBACK);
        MediaSockets door = ports.bind(LOOPBACK);
        NegotiatedVideo video = new NegotiatedVideo("127.0.0.1", peer.rtpPort(), 96, "42e01f", 512,
                MediaDirection.SENDRECV, Optional.empty());
        AtomicInteger lastSeq = new AtomicInteger(-1);
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[2048];
            while (!peer.rtp().isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                    peer.rtp().receive(p);
                    lastSeq.set(((buffer[2] & 0xFF) << 8) | (buffer[3] & 0xFF));
                } catch (java.io.IOException closed) {
                    return;
                }
            }
        }, "bench-peer");
        reader.setDaemon(true);
        reader.start();
        try (VideoSession session = new VideoSession(door, video, Camera.TEST, VideoOptions.DEFAULTS);
             DatagramSocket attacker = new DatagramSocket(0, LOOPBACK)) {
            session.start();
            Thread.sleep(2000);
            InetSocketAddress target = new InetSocketAddress(LOOPBACK, door.rtpPort() + 1);
            String rtcpThread = "video-rtcp-" + door.rtpPort();
            System.out.println("generic NACK flood on a sending 640x480@15 session, each NACK 300 FCIs (5,100 packets)"
                    + " of which the first 64 are still in the send history:");
            System.out.println("phase          NACKs sent  RTCP thread CPU %  packets resent/s  packets sent/s");
            measure("quiet", session, rtcpThread, seconds, () -> 0);
            long interval = 1_000_000_000L / perSecond;
            long[] next = {System.nanoTime()};
            measure("flood " + perSecond + "/s", session, rtcpThread, seconds, () -> {
                int sent = 0;
                while (System.nanoTime() >= next[0]) {
                    byte[] nack = nackBehind(session.ssrc(), lastSeq.get());
                    try {
                        attacker.send(new DatagramPacket(nack, nack.length, target));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    sent++;
                    next[0] += interval;
                }
                return sent;
            });
        } finally {
            peer.close();
        }
    }

    /** A NACK whose first FCIs ask for the 64 packets sent before the last one seen, then 296 more FCIs. */
    private static byte[] nackBehind(int ssrc, int lastSeq) {
        int[] fcis = new int[2 * 300];
        int from = (lastSeq - 100) & 0xFFFF;
        for (int i = 0; i < 300; i++) {
            fcis[2 * i] = (from + i * 17) & 0xFFFF;
            fcis[2 * i + 1] = 0xFFFF;
        }
        return RtcpFeedback.nack(0x5EED, ssrc, fcis);
    }

    private static void measure(String phase, VideoSession session, String thread, int seconds, IntSupplier during)
            throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long id = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(thread))
                .findFirst().orElseThrow().getId();
        VideoStatistics before = session.statistics();
        long cpu = threads.getThreadCpuTime(id);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long nacks = 0;
        while (System.nanoTime() < end) {
            nacks += during.getAsInt();
            Thread.sleep(0, 200_000);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        VideoStatistics after = session.statistics();
        System.out.printf("%-14s %10d %18.1f %17.1f %15.1f%n", phase, nacks,
                100.0 * (threads.getThreadCpuTime(id) - cpu) / 1e9 / wall,
                (after.packetsResent() - before.packetsResent()) / wall,
                (after.packetsSent() - before.packetsSent()) / wall);
    }
}
