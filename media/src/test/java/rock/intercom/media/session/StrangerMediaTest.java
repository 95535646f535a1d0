package rock.intercom.media.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.media.audio.NoSpeaker;
import rock.intercom.media.audio.ToneMicrophone;
import rock.intercom.media.audio.WavFile;
import rock.intercom.media.audio.WavFileSpeaker;
import rock.intercom.media.codec.AudioCodec;
import rock.intercom.media.codec.Codec;
import rock.intercom.media.rtp.DtmfEvent;
import rock.intercom.media.rtp.RtpPacket;
import rock.intercom.media.sdp.MediaDirection;
import rock.intercom.media.sdp.NegotiatedMedia;
import rock.intercom.testkit.Goertzel;

/**
 * A stranger on the LAN during a plain-RTP call (the door's fallback when the desk has no SRTP):
 * what it sends to the door's RTP port is neither played, nor taken as DTMF, nor able to draw the
 * door's microphone to itself; a peer behind a NAT is still heard after a short probation.
 */
class StrangerMediaTest {
    private static final RtpPortRange PORTS = new RtpPortRange(43000, 43999);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int RATE = 8000;
    private static final int PCMU = 0;
    private static final int TELEPHONE_EVENT = 101;

    @TempDir
    Path dir;
    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private MediaSession session(MediaSockets sockets, int peerPort, double toneHz, Path wav,
                                 MediaListener listener) throws Exception {
        NegotiatedMedia media = new NegotiatedMedia("127.0.0.1", peerPort, Codec.PCMU, PCMU, TELEPHONE_EVENT,
            MediaDirection.SENDRECV, Optional.empty());
        MediaSession s = new MediaSession(sockets, media, new ToneMicrophone(toneHz),
            wav == null ? new NoSpeaker() : new WavFileSpeaker(wav), MediaSessionOptions.defaults(100, 100, "t"),
            listener);
        toClose.add(s);
        s.start();
        return s;
    }

    /** {@code count} valid PCMU packets of a {@code hz} tone, in sequence, as a real RTP stream would be. */
    private static void sendTone(DatagramSocket from, int toPort, double hz, int count, int firstSeq) throws Exception {
        AudioCodec pcmu = Codec.PCMU.newInstance();
        short[] frame = new short[160];
        byte[] payload = new byte[160];
        for (int n = 0; n < count; n++) {
            for (int i = 0; i < frame.length; i++) {
                frame[i] = (short) (16000 * Math.sin(2 * Math.PI * hz * (n * 160 + i) / RATE));
            }
            pcmu.encode(frame, payload, 0);
            byte[] packet = RtpPacket.of(n == 0, PCMU, firstSeq + n, 160L * n, 0x5157, payload).toBytes();
            from.send(new DatagramPacket(packet, packet.length, new InetSocketAddress(LOOPBACK, toPort)));
            Thread.sleep(2);
        }
    }

    private static void sendDigit(DatagramSocket from, int toPort, char digit) throws Exception {
        int seq = 9000;
        for (DtmfEvent.Step step : DtmfEvent.steps(digit, RATE)) {
            byte[] packet = RtpPacket.of(step.marker(), TELEPHONE_EVENT, seq++, 48000, 0x5157,
                step.event().toBytes()).toBytes();
            from.send(new DatagramPacket(packet, packet.length, new InetSocketAddress(LOOPBACK, toPort)));
        }
    }

    /** The loudest level of {@code hz} in any 100 ms of {@code pcm}, in dBFS. */
    private static double loudest(short[] pcm, double hz) {
        double loudest = -200;
        for (int from = 0; from + RATE / 10 <= pcm.length; from += RATE / 10) {
            loudest = Math.max(loudest, Goertzel.dbfs(Goertzel.amplitude(pcm, from, from + RATE / 10, hz, RATE)));
        }
        return loudest;
    }

    /** Whether anything arrives at {@code socket} within {@code millis} (after what was already queued is read). */
    private static int packetsArriving(DatagramSocket socket, int millis) throws Exception {
        socket.setSoTimeout(millis);
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        int n = 0;
        long end = System.nanoTime() + millis * 1_000_000L;
        try {
            while (System.nanoTime() < end) {
                socket.receive(p);
                n++;
            }
        } catch (SocketTimeoutException e) {
            // quiet for the rest of the window
        }
        return n;
    }

    private static void drain(DatagramSocket socket) throws Exception {
        socket.setSoTimeout(1);
        try {
            while (true) {
                socket.receive(new DatagramPacket(new byte[2048], 2048));
            }
        } catch (SocketTimeoutException e) {
            // empty
        }
    }

    @Test
    void aStrangersAudioAndDigitsAreDroppedAndTheDoorsAudioStaysWithThePeer() throws Exception {
        MediaSockets doorSockets = PORTS.bind(LOOPBACK);
        MediaSockets stationSockets = PORTS.bind(LOOPBACK);
        Path heardAtDoor = dir.resolve("door.wav");
        List<Character> digits = new CopyOnWriteArrayList<>();
        MediaSession door = session(doorSockets, stationSockets.rtpPort(), 1000, heardAtDoor, new MediaListener() {
            @Override
            public void onDtmf(char digit) {
                digits.add(digit);
            }
        });
        MediaSession station = session(stationSockets, doorSockets.rtpPort(), 440, null, new MediaListener() { });
        await().atMost(Duration.ofSeconds(10)).until(() -> door.statistics().packetsReceived() >= 25);

        try (DatagramSocket stranger = new DatagramSocket(0, LOOPBACK)) {
            sendTone(stranger, doorSockets.rtpPort(), 2000, 100, 20000);
            sendDigit(stranger, doorSockets.rtpPort(), '5');
            long stationHad = station.statistics().packetsReceived();
            assertThat(packetsArriving(stranger, 500)).as("the door's audio sent to the stranger").isZero();
            assertThat(station.statistics().packetsReceived()).as("the door goes on talking to the peer")
                .isGreaterThan(stationHad);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> door.statistics().rejectedPackets() >= 100);
        door.close();
        assertThat(digits).as("a stranger's RFC 4733 digits (a door code)").isEmpty();
        short[] pcm = WavFile.readMono(heardAtDoor, RATE);
        assertThat(loudest(pcm, 2000)).as("the stranger's 2 kHz in any 100 ms of what the door played")
            .isLessThan(-40);
        assertThat(loudest(pcm, 440)).as("the peer's 440 Hz").isGreaterThan(-12);
    }

    @Test
    void aPeerBehindANatIsHeardAfterProbationAndTheAnnouncedAddressWinsItBack() throws Exception {
        MediaSockets doorSockets = PORTS.bind(LOOPBACK);
        try (DatagramSocket announced = new DatagramSocket(0, LOOPBACK);
             DatagramSocket nat = new DatagramSocket(0, LOOPBACK)) {
            MediaSession door = session(doorSockets, announced.getLocalPort(), 1000, null, new MediaListener() { });
            int doorPort = doorSockets.rtpPort();

            // A few packets from elsewhere (a stranger racing the call's start) do not move the door's audio.
            sendTone(nat, doorPort, 440, SourceLatch.PROBATION - 1, 100);
            drain(announced);
            assertThat(packetsArriving(nat, 200)).isZero();
            assertThat(packetsArriving(announced, 200)).isPositive();

            // A steady stream from one source (the peer's NAT) is taken, and the door answers there.
            sendTone(nat, doorPort, 440, SourceLatch.PROBATION, 200);
            await().atMost(Duration.ofSeconds(5)).until(() -> door.statistics().packetsReceived() >= 1);
            drain(nat);
            assertThat(packetsArriving(nat, 300)).isPositive();

            // The announced address sends: it takes the stream back, for good.
            sendTone(announced, doorPort, 440, 1, 300);
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                drain(nat);
                return packetsArriving(nat, 100) == 0;
            });
            sendTone(nat, doorPort, 440, 3 * SourceLatch.PROBATION, 400);
            drain(nat);
            assertThat(packetsArriving(nat, 300)).isZero();
            assertThat(packetsArriving(announced, 200)).isPositive();
        }
    }
}
