package rock.intercom.media.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Pipeline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.media.sdp.MediaDirection;
import rock.intercom.media.sdp.NegotiatedVideo;
import rock.intercom.media.session.MediaSockets;
import rock.intercom.media.session.RtpPortRange;
import rock.intercom.media.session.SourceLatch;
import rock.intercom.media.srtp.CryptoSuite;
import rock.intercom.media.srtp.SrtpKeys;
import rock.intercom.media.srtp.SrtpMasterKey;
import rock.intercom.settings.VideoOptions;

/** Two video sessions on loopback, GStreamer for real: pictures decode both ways, PLI brings a key frame. */
class VideoSessionLoopbackTest {
    private static final VideoOptions SMALL = new VideoOptions(320, 240, 15);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final RtpPortRange PORTS = new RtpPortRange(41000, 41999);

    @BeforeAll
    static void engine() {
        assertThat(VideoEngine.unavailable()).as("GStreamer with x264/libav (./run-tests installs them)").isEmpty();
    }

    @Test
    void picturesDecodeBothWaysOnPlainRtp() throws Exception {
        bothWays(Optional.empty(), Optional.empty());
    }

    @Test
    void picturesDecodeBothWaysOnSrtp() throws Exception {
        CryptoSuite suite = CryptoSuite.AES_CM_128_HMAC_SHA1_80;
        SrtpMasterKey a = SrtpMasterKey.random(suite);
        SrtpMasterKey b = SrtpMasterKey.random(suite);
        bothWays(Optional.of(new SrtpKeys(suite, a, b)), Optional.of(new SrtpKeys(suite, b, a)));
    }

    @Test
    void aStalledDecoderIsReplacedAndThePicturesGoOn() throws Exception {
        MediaSockets socketsA = PORTS.bind(LOOPBACK);
        MediaSockets socketsB = PORTS.bind(LOOPBACK);
        try (VideoSession a = new VideoSession(socketsA, video(socketsB.rtpPort(), Optional.empty()), Camera.TEST, SMALL);
             VideoSession b = new VideoSession(socketsB, video(socketsA.rtpPort(), Optional.empty()), Camera.TEST, SMALL)) {
            a.start();
            b.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> a.statistics().framesDecoded() >= 10);
            long requestsBefore = b.statistics().keyFrameRequests();

            a.askDecoderRestart(); // what DecoderWatch asks for when key frames arrive and no picture comes out
            await().atMost(Duration.ofSeconds(5)).until(() -> a.statistics().decoderRestarts() == 1);
            long decodedAtRestart = a.statistics().framesDecoded();
            // The new decoder asks for a key frame at once and shows pictures again; the count only grows.
            await().atMost(Duration.ofSeconds(3)).until(() -> b.statistics().keyFrameRequests() > requestsBefore);
            await().atMost(Duration.ofSeconds(10)).until(() -> a.statistics().framesDecoded() >= decodedAtRestart + 10);
            assertThat(a.statistics().pictureSize()).isEqualTo("320x240");
            assertThat(a.statistics().decoderRestarts()).isEqualTo(1);
        }
    }

    private void bothWays(Optional<SrtpKeys> keysA, Optional<SrtpKeys> keysB) throws Exception {
        MediaSockets socketsA = PORTS.bind(LOOPBACK);
        MediaSockets socketsB = PORTS.bind(LOOPBACK);
        try (VideoSession a = new VideoSession(socketsA, video(socketsB.rtpPort(), keysA), Camera.TEST, SMALL);
             VideoSession b = new VideoSession(socketsB, video(socketsA.rtpPort(), keysB), Camera.TEST, SMALL)) {
            a.start();
            b.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> a.statistics().framesDecoded() >= 10
                    && b.statistics().framesDecoded() >= 10);
            assertThat(a.statistics().pictureSize()).isEqualTo("320x240");
            assertThat(b.statistics().pictureSize()).isEqualTo("320x240");
            assertThat(a.statistics().packetsRejected()).isZero();
            assertThat(b.statistics().keyFramesSent()).isEqualTo(1); // the first picture; none since

            // The peer's PLI (over SRTCP when the call is SRTP) makes the encoder send a key frame.
            b.sendPictureLossIndication();
            await().atMost(Duration.ofSeconds(2)).until(() -> a.statistics().keyFramesSent() >= 2);
            assertThat(a.statistics().keyFrameRequests()).isEqualTo(1);
            assertThat(a.statistics().lastKeyFrameLatencyMs()).isBetween(0L, 1000L);
            await().atMost(Duration.ofSeconds(2)).until(() -> a.lastPicture().isPresent());
            byte[] jpeg = a.lastPicture().orElseThrow();
            assertThat(jpeg[0] & 0xFF).isEqualTo(0xFF);
            assertThat(jpeg[1] & 0xFF).isEqualTo(0xD8);
            // And what our own camera sends, for the device page during a call.
            await().atMost(Duration.ofSeconds(2)).until(() -> b.lastCameraPicture().isPresent());
            assertThat(CameraSnapshotTest.jpegSize(b.lastCameraPicture().get())).isEqualTo("320x240");
        }
    }

    @Test
    void garbageOnBothPortsIsCountedAndTheStreamGoesOn() throws Exception {
        try (PlainPair pair = PlainPair.started();
             DatagramSocket attacker = new DatagramSocket(0, LOOPBACK)) {
            VideoSession a = pair.a();
            int rtpPortOfA = a.localRtpPort();
            byte[][] junk = {new byte[0], {(byte) 0x80}, {(byte) 0x80, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 28},
                    {(byte) 0x81, (byte) 206, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0}, new byte[1500]};
            for (byte[] j : junk) {
                attacker.send(new DatagramPacket(j, j.length, new InetSocketAddress(LOOPBACK, rtpPortOfA)));
                attacker.send(new DatagramPacket(j, j.length, new InetSocketAddress(LOOPBACK, rtpPortOfA + 1)));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> a.statistics().framesDecoded() >= 10);
            assertThat(a.statistics().packetsRejected()).isGreaterThanOrEqualTo(3);
            assertThat(a.statistics().keyFrameRequests()).isZero();
        }
    }

    /** A stranger on the LAN cannot make the door's encoder send key frames (CPU, bandwidth) nor feed its decoder. */
    @Test
    void aStrangersPictureRequestsAndPacketsAreDropped() throws Exception {
        try (PlainPair pair = PlainPair.started();
             // Another host: 127.0.0.2 is loopback too on Linux, but not the peer's address.
             DatagramSocket stranger = new DatagramSocket(0, java.net.InetAddress.getByName("127.0.0.2"))) {
            VideoSession a = pair.a();
            VideoSession b = pair.b();
            int rtpPortOfA = a.localRtpPort();
            await().atMost(Duration.ofSeconds(10)).until(() -> a.statistics().framesDecoded() >= 10
                    && b.statistics().framesDecoded() >= 10);
            long requests = a.statistics().keyFrameRequests();
            long keyFrames = a.statistics().keyFramesSent();
            byte[] pli = RtcpFeedback.pli(0x5EED, a.ssrc());
            byte[] slice = {(byte) 0x80, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0x5E, (byte) 0xED, 0x65, 0, 0, 0};
            for (int i = 0; i < 50; i++) {
                stranger.send(new DatagramPacket(pli, pli.length, new InetSocketAddress(LOOPBACK, rtpPortOfA + 1)));
                stranger.send(new DatagramPacket(slice, slice.length, new InetSocketAddress(LOOPBACK, rtpPortOfA)));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> a.statistics().packetsRejected() >= 100);
            long decoded = a.statistics().framesDecoded();
            await().atMost(Duration.ofSeconds(10)).until(() -> a.statistics().framesDecoded() >= decoded + 10);
            assertThat(a.statistics().keyFrameRequests()).isEqualTo(requests);
            assertThat(a.statistics().keyFramesSent()).isEqualTo(keyFrames);
        }
    }

    /** A peer behind a NAT sends from another port than its SDP's: after the probation our video goes there. */
    @Test
    void aPeerBehindANatIsLatchedToAndTheAnnouncedAddressWinsItBack() throws Exception {
        MediaSockets socketsA = PORTS.bind(LOOPBACK);
        try (DatagramSocket announced = new DatagramSocket(0, LOOPBACK);
             DatagramSocket nat = new DatagramSocket(0, LOOPBACK);
             VideoSession a = new VideoSession(socketsA, video(announced.getLocalPort(), Optional.empty()),
                     Camera.TEST, SMALL)) {
            a.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> arrives(announced));
            InetSocketAddress rtpOfA = new InetSocketAddress(LOOPBACK, a.localRtpPort());
            for (int i = 0; i < SourceLatch.PROBATION; i++) {
                byte[] packet = {(byte) 0x80, 96, 0, (byte) i, 0, 0, 0, 0, 0, 0, 0x4E, 0x47, 0x65, 0, 0, 0};
                nat.send(new DatagramPacket(packet, packet.length, rtpOfA));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> arrives(nat));
            byte[] fromAnnounced = {(byte) 0x80, 96, 0, 9, 0, 0, 0, 0, 0, 0, 0x4E, 0x47, 0x65, 0, 0, 0};
            announced.send(new DatagramPacket(fromAnnounced, fromAnnounced.length, rtpOfA));
            await().atMost(Duration.ofSeconds(5)).until(() -> arrives(announced) && !arrives(nat));
        }
    }

    /** Whether video arrives at {@code socket} within 300 ms, after what was already queued there is read. */
    private static boolean arrives(DatagramSocket socket) throws Exception {
        socket.setSoTimeout(1);
        try {
            while (true) {
                socket.receive(new DatagramPacket(new byte[2048], 2048));
            }
        } catch (java.net.SocketTimeoutException drained) {
            socket.setSoTimeout(300);
        }
        try {
            socket.receive(new DatagramPacket(new byte[2048], 2048));
            return true;
        } catch (java.net.SocketTimeoutException quiet) {
            return false;
        }
    }

    @Test
    void aCameraThatCannotOpenIsReportedAndThePeersPicturesStillDecode() throws Exception {
        MediaSockets socketsA = PORTS.bind(LOOPBACK);
        MediaSockets socketsB = PORTS.bind(LOOPBACK);
        Camera missing = new Camera("v4l2:/dev/video-missing", Camera.Kind.V4L2, "/dev/video-missing");
        try (VideoSession a = new VideoSession(socketsA, video(socketsB.rtpPort(), Optional.empty()), missing, SMALL);
             VideoSession b = new VideoSession(socketsB, video(socketsA.rtpPort(), Optional.empty()), Camera.TEST,
                     SMALL)) {
            a.start();
            b.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> a.failure().isPresent());
            assertThat(a.failure().get()).contains("video-missing");
            await().atMost(Duration.ofSeconds(10)).until(() -> a.statistics().framesDecoded() >= 10);
            assertThat(a.statistics().packetsSent()).isZero();
        }
    }

    @Test
    void aVideoFileIsSentAtItsOwnPace(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("door.mp4");
        Pipeline maker = (Pipeline) Gst.parseLaunch("videotestsrc num-buffers=30 pattern=ball"
                + " ! video/x-raw,width=320,height=240,framerate=15/1 ! x264enc ! mp4mux ! filesink location=\"" + file + "\"");
        CountDownLatch done = new CountDownLatch(1);
        maker.getBus().connect((Bus.EOS) source -> done.countDown());
        maker.play();
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        maker.stop();
        Camera camera = Camera.parse("file:" + file);
        MediaSockets socketsA = PORTS.bind(LOOPBACK);
        MediaSockets socketsB = PORTS.bind(LOOPBACK);
        try (VideoSession a = new VideoSession(socketsA, video(socketsB.rtpPort(), Optional.empty()), camera, SMALL);
             VideoSession b = new VideoSession(socketsB, video(socketsA.rtpPort(), Optional.empty()), Camera.TEST,
                     SMALL)) {
            long started = System.nanoTime();
            // The receiver first: a file is sent once, so a key frame sent before it listens is not sent again soon.
            b.start();
            a.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> b.statistics().framesDecoded() >= 25);
            // 30 frames at 15 fps take 2 s: a file pushed as fast as it decodes would be done at once.
            assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThan(1200);
            assertThat(a.failure()).isEmpty();
        }
    }

    @Test
    void aNackBringsTheAskedPacketsAgainAndAFloodOfBogusNacksCostsOnlyTheBudget() throws Exception {
        MediaSockets socketsA = PORTS.bind(LOOPBACK);
        MediaSockets peer = PORTS.bind(LOOPBACK); // a crafted peer: reads A's packets, writes NACKs
        try (VideoSession a = new VideoSession(socketsA, video(peer.rtpPort(), Optional.empty()), Camera.TEST, SMALL)) {
            a.start();
            peer.rtp().setSoTimeout(2000);
            java.util.Map<Integer, byte[]> seen = new java.util.HashMap<>();
            while (seen.size() < 20) {
                DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
                peer.rtp().receive(p);
                byte[] d = java.util.Arrays.copyOf(p.getData(), p.getLength());
                seen.put(((d[2] & 0xFF) << 8) | (d[3] & 0xFF), d);
            }
            int lost = seen.keySet().stream().min(Integer::compare).orElseThrow();
            byte[] nack = RtcpFeedback.nack(0x5EED, a.ssrc(), lost, 0);
            InetSocketAddress rtcpOfA = new InetSocketAddress(LOOPBACK, socketsA.rtpPort() + 1);
            peer.rtcp().send(new DatagramPacket(nack, nack.length, rtcpOfA));
            byte[] again = null;
            long until = System.nanoTime() + 3_000_000_000L;
            while (again == null && System.nanoTime() < until) {
                DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
                peer.rtp().receive(p);
                byte[] d = java.util.Arrays.copyOf(p.getData(), p.getLength());
                if ((((d[2] & 0xFF) << 8) | (d[3] & 0xFF)) == lost) {
                    again = d;
                }
            }
            assertThat(again).as("packet %d sent again", lost).isEqualTo(seen.get(lost));
            assertThat(a.statistics().packetsResent()).isEqualTo(1);

            // Hostile: 2000 NACKs, each asking for 400 × 17 packets (only 64 read); resends stay within the budget.
            int[] fcis = new int[800];
            for (int i = 0; i < 400; i++) {
                fcis[2 * i] = i * 17;
                fcis[2 * i + 1] = 0xFFFF;
            }
            byte[] flood = RtcpFeedback.nack(0x5EED, a.ssrc(), fcis);
            long started = System.nanoTime();
            for (int i = 0; i < 2000; i++) {
                peer.rtcp().send(new DatagramPacket(flood, flood.length, rtcpOfA));
            }
            long sentBefore = a.statistics().packetsSent();
            await().atMost(Duration.ofSeconds(5)).until(() -> a.statistics().packetsSent() > sentBefore + 20);
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(a.statistics().packetsResent())
                    .isLessThanOrEqualTo(1 + Retransmissions.BURST + (long) Math.ceil(seconds * Retransmissions.PER_SECOND));
            assertThat(a.statistics().resendsRefused()).isGreaterThan(0);
        } finally {
            peer.close();
        }
    }

    /** Two started sessions sending each other the test pattern over plain RTP. */
    private record PlainPair(VideoSession a, VideoSession b) implements AutoCloseable {
        static PlainPair started() throws Exception {
            MediaSockets socketsA = PORTS.bind(LOOPBACK);
            MediaSockets socketsB = PORTS.bind(LOOPBACK);
            PlainPair pair = new PlainPair(
                    new VideoSession(socketsA, video(socketsB.rtpPort(), Optional.empty()), Camera.TEST, SMALL),
                    new VideoSession(socketsB, video(socketsA.rtpPort(), Optional.empty()), Camera.TEST, SMALL));
            pair.a().start();
            pair.b().start();
            return pair;
        }

        @Override
        public void close() {
            a.close();
            b.close();
        }
    }

    private static NegotiatedVideo video(int remotePort, Optional<SrtpKeys> keys) {
        return new NegotiatedVideo("127.0.0.1", remotePort, 96, "42e01f", 300, MediaDirection.SENDRECV, keys);
    }
}
