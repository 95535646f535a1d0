package rock.intercom.media.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import rock.intercom.testkit.Goertzel;
import rock.intercom.media.audio.Microphone;
import rock.intercom.media.audio.NoSpeaker;
import rock.intercom.media.audio.ToneMicrophone;
import rock.intercom.media.audio.WavFile;
import rock.intercom.media.audio.WavFileSpeaker;
import rock.intercom.media.sdp.LocalEndpoint;
import rock.intercom.media.sdp.LocalOffer;
import rock.intercom.media.sdp.MediaPolicy;
import rock.intercom.media.sdp.NegotiatedMedia;
import rock.intercom.media.sdp.Negotiation;
import rock.intercom.media.sdp.OfferAnswer;
import rock.intercom.settings.Encryption;
import rock.intercom.settings.VideoCalls;

/**
 * Two MediaSessions talking over 127.0.0.1, set up exactly as the SIP layer will: sockets bound
 * from a port range, an SDP offer, an answer, and each side started from its NegotiatedMedia.
 */
class MediaSessionLoopbackTest {
    private static final RtpPortRange PORTS = new RtpPortRange(42000, 42999);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int RATE = 8000;

    @TempDir
    Path dir;
    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();

    @org.junit.jupiter.api.BeforeAll
    static void warmUpSrtp() {
        // jitsi-srtp's one-time AES warm-up would otherwise eat the first call's await budget.
        rock.intercom.media.srtp.SrtpCryptoProvider.warmUp();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    /** A pair of negotiated sessions: the door offers, the station answers. */
    private record Call(MediaSession door, MediaSession station) {
    }

    private Call call(Encryption doorEncryption, Encryption stationEncryption, Microphone doorMic,
                      Microphone stationMic, Path doorWav, Path stationWav, MediaListener stationListener,
                      int doorMicVolume) throws Exception {
        MediaSockets doorSockets = PORTS.bind(LOOPBACK);
        MediaSockets stationSockets = PORTS.bind(LOOPBACK);
        OfferAnswer doorSide = new OfferAnswer(new MediaPolicy(doorEncryption, VideoCalls.OFF, true));
        OfferAnswer stationSide = new OfferAnswer(new MediaPolicy(stationEncryption, VideoCalls.OFF, false));
        LocalOffer offer = doorSide.createOffer(LocalEndpoint.audio("127.0.0.1", doorSockets.rtpPort()), 1, 1);
        Negotiation.Agreed answered = (Negotiation.Agreed) stationSide.answerOffer(offer.toSdp(),
            LocalEndpoint.audio("127.0.0.1", stationSockets.rtpPort()), 2, 1);
        NegotiatedMedia doorMedia = ((Negotiation.Agreed) doorSide.acceptAnswer(offer, answered.answer().toSdp()))
            .media();
        MediaSessionOptions fast = new MediaSessionOptions(doorMicVolume, 100, Duration.ofSeconds(5),
            Duration.ofMillis(300), "test@127.0.0.1");
        MediaSession door = new MediaSession(doorSockets, doorMedia, doorMic,
            doorWav == null ? new NoSpeaker() : new WavFileSpeaker(doorWav), fast, new MediaListener() { });
        MediaSession station = new MediaSession(stationSockets, answered.media(), stationMic,
            stationWav == null ? new NoSpeaker() : new WavFileSpeaker(stationWav),
            new MediaSessionOptions(100, 100, Duration.ofSeconds(5), Duration.ofMillis(300), "station@127.0.0.1"),
            stationListener);
        toClose.add(door);
        toClose.add(station);
        door.start();
        station.start();
        return new Call(door, station);
    }

    private static void awaitPackets(MediaSession s, long n) {
        await().atMost(Duration.ofSeconds(10)).until(() -> s.statistics().packetsReceived() >= n);
    }

    /**
     * Level in dBFS of {@code hz} in the recording: the median over ten 100 ms windows (whole
     * cycles of 440 Hz and 1 kHz) after the first half second, so one concealed packet on a busy
     * build machine cannot skew it the way a phase jump skews a one-second coherent measurement.
     */
    private static double levelOf(Path wav, double hz) throws Exception {
        short[] pcm = WavFile.readMono(wav, RATE);
        assertThat(pcm.length).isGreaterThanOrEqualTo(RATE * 3 / 2);
        int window = RATE / 10;
        double[] levels = new double[10];
        for (int w = 0; w < levels.length; w++) {
            int from = RATE / 2 + w * window;
            levels[w] = Goertzel.amplitude(pcm, from, from + window, hz, RATE);
        }
        java.util.Arrays.sort(levels);
        return Goertzel.dbfs((levels[4] + levels[5]) / 2);
    }

    @ParameterizedTest(name = "door {0}, station {1} → {2}")
    @CsvSource({
        "RTP_OPTIONAL_SRTP, RTP_OPTIONAL_SRTP, SRTP AES_CM_128_HMAC_SHA1_80",
        "SRTP_ONLY, SRTP_ONLY, SRTP AES_CM_128_HMAC_SHA1_80",
    })
    void carriesTonesBothWaysAtTheRightLevel(Encryption door, Encryption station, String security) throws Exception {
        Path heardAtStation = dir.resolve("station.wav");
        Path heardAtDoor = dir.resolve("door.wav");
        Call c = call(door, station, new ToneMicrophone(1000), new ToneMicrophone(440), heardAtDoor, heardAtStation,
            new MediaListener() { }, 100);
        assertThat(c.door().securityLabel()).isEqualTo(security);
        assertThat(c.station().securityLabel()).isEqualTo(security);
        assertThat(c.door().media().codec()).as("wideband preferred").isEqualTo(rock.intercom.media.codec.Codec.G722);
        awaitPackets(c.station(), 100);
        awaitPackets(c.door(), 100);
        c.door().close();
        c.station().close();

        // The door's 1 kHz tone arrives at −6 dBFS (G.711 keeps it within a fraction of a dB); no 440 Hz leaks in.
        assertThat(levelOf(heardAtStation, 1000)).isCloseTo(ToneMicrophone.LEVEL_DBFS, offset(1.5));
        assertThat(levelOf(heardAtStation, 440)).isLessThan(-40);
        assertThat(levelOf(heardAtDoor, 440)).isCloseTo(ToneMicrophone.LEVEL_DBFS, offset(1.5));
        assertThat(levelOf(heardAtDoor, 1000)).isLessThan(-40);
        MediaStatistics stats = c.station().statistics();
        assertThat(stats.packetsLost()).isZero();
        assertThat(stats.rejectedPackets()).isZero();
        assertThat(stats.rtcpReportsReceived()).isPositive();
    }

    @Test
    void plainRtpWhenTheStationCannotDoSrtp() throws Exception {
        // The station side here is a plain-RTP offerer's view: an optional door answering RTP/AVP without crypto.
        MediaSockets doorSockets = PORTS.bind(LOOPBACK);
        MediaSockets stationSockets = PORTS.bind(LOOPBACK);
        String plainOffer = "v=0\r\no=station 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio " + stationSockets.rtpPort() + " RTP/AVP 8 101\r\na=rtpmap:101 telephone-event/8000\r\n";
        Negotiation.Agreed answered = (Negotiation.Agreed) new OfferAnswer(
            new MediaPolicy(Encryption.RTP_OPTIONAL_SRTP, VideoCalls.OFF, false))
            .answerOffer(plainOffer, LocalEndpoint.audio("127.0.0.1", doorSockets.rtpPort()), 1, 1);
        assertThat(answered.media().securityLabel()).isEqualTo("RTP");
        assertThat(answered.media().codec()).isEqualTo(rock.intercom.media.codec.Codec.PCMA);
        Path heard = dir.resolve("heard.wav");
        MediaSession door = new MediaSession(doorSockets, answered.media(), new ToneMicrophone(1000),
            new NoSpeaker(), MediaSessionOptions.defaults(100, 100, "door"), new MediaListener() { });
        // The station is played by a session built from the mirror image of the same negotiation.
        NegotiatedMedia stationView = new NegotiatedMedia("127.0.0.1", doorSockets.rtpPort(),
            answered.media().codec(), 8, 101, answered.media().direction(), java.util.Optional.empty());
        MediaSession station = new MediaSession(stationSockets, stationView, new ToneMicrophone(440),
            new WavFileSpeaker(heard), MediaSessionOptions.defaults(100, 100, "station"), new MediaListener() { });
        toClose.add(door);
        toClose.add(station);
        door.start();
        station.start();
        awaitPackets(station, 100);
        station.close();
        assertThat(levelOf(heard, 1000)).isCloseTo(ToneMicrophone.LEVEL_DBFS, offset(1.5));
    }

    /** RFC 3264 §7: a peer may send any codec of the answer; a G.711 stream into a G.722 call is resampled. */
    @Test
    void playsANarrowbandStreamInAWidebandCall() throws Exception {
        MediaSockets doorSockets = PORTS.bind(LOOPBACK);
        MediaSockets stationSockets = PORTS.bind(LOOPBACK);
        Path heard = dir.resolve("door.wav");
        MediaSession door = new MediaSession(doorSockets, new NegotiatedMedia("127.0.0.1", stationSockets.rtpPort(),
            rock.intercom.media.codec.Codec.G722, 9, 101, rock.intercom.media.sdp.MediaDirection.SENDRECV,
            java.util.Optional.empty()), new ToneMicrophone(1000), new WavFileSpeaker(heard),
            MediaSessionOptions.defaults(100, 100, "door"), new MediaListener() { });
        MediaSession station = new MediaSession(stationSockets, new NegotiatedMedia("127.0.0.1",
            doorSockets.rtpPort(), rock.intercom.media.codec.Codec.PCMU, 0, 101,
            rock.intercom.media.sdp.MediaDirection.SENDRECV, java.util.Optional.empty()), new ToneMicrophone(440),
            new NoSpeaker(), MediaSessionOptions.defaults(100, 100, "station"), new MediaListener() { });
        toClose.add(door);
        toClose.add(station);
        door.start();
        station.start();
        awaitPackets(door, 100);
        door.close();
        assertThat(levelOf(heard, 440)).isCloseTo(ToneMicrophone.LEVEL_DBFS, offset(1.5));
    }

    @ParameterizedTest(name = "microphone volume {0} → {1} dBFS at the station")
    @CsvSource({"100, -6", "50, -21"})
    void microphoneVolumeScalesTheSentLevel(int volume, double expectedDbfs) throws Exception {
        Path heard = dir.resolve("station.wav");
        Call c = call(Encryption.RTP_OPTIONAL_SRTP, Encryption.RTP_OPTIONAL_SRTP, new ToneMicrophone(1000),
            new ToneMicrophone(440), null, heard, new MediaListener() { }, volume);
        awaitPackets(c.station(), 100);
        c.station().close();
        assertThat(levelOf(heard, 1000)).isCloseTo(expectedDbfs, offset(1.5));
    }

    @Test
    void microphoneVolumeZeroSendsSilence() throws Exception {
        Path heard = dir.resolve("station.wav");
        Call c = call(Encryption.RTP_OPTIONAL_SRTP, Encryption.RTP_OPTIONAL_SRTP, new ToneMicrophone(1000),
            new ToneMicrophone(440), null, heard, new MediaListener() { }, 100);
        c.door().setMicrophoneVolume(0);
        awaitPackets(c.station(), 100);
        c.station().close();
        short[] pcm = WavFile.readMono(heard, RATE);
        assertThat(pcm.length).isGreaterThanOrEqualTo(RATE * 3 / 2);
        assertThat(Goertzel.rms(pcm, RATE / 2, RATE * 3 / 2)).isLessThan(10);
    }

    @Test
    void dtmfDigitsArriveOnceEach() throws Exception {
        List<Character> received = new CopyOnWriteArrayList<>();
        Call c = call(Encryption.SRTP_ONLY, Encryption.SRTP_ONLY, new ToneMicrophone(1000), new ToneMicrophone(440),
            null, null, new MediaListener() {
                @Override
                public void onDtmf(char digit) {
                    received.add(digit);
                }
            }, 100);
        for (char d : "1#9*".toCharArray()) {
            assertThat(c.door().sendDtmf(d)).isTrue();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 4);
        assertThat(received).containsExactly('1', '#', '9', '*');
        assertThat(c.station().receivedDigits()).isEqualTo("1#9*");
    }

    @Test
    void garbageOnTheMediaPortIsDroppedAndAudioContinues() throws Exception {
        Path heard = dir.resolve("station.wav");
        Call c = call(Encryption.SRTP_ONLY, Encryption.SRTP_ONLY, new ToneMicrophone(1000), new ToneMicrophone(440),
            null, heard, new MediaListener() { }, 100);
        try (DatagramSocket attacker = new DatagramSocket(0, LOOPBACK)) {
            InetSocketAddress target = new InetSocketAddress(LOOPBACK, c.station().localRtpPort());
            byte[][] junk = {new byte[0], new byte[] {(byte) 0x80}, new byte[12], "INVITE sip:x".getBytes(),
                rock.intercom.media.rtp.RtpPacket.of(false, 0, 1, 1, 1, new byte[160]).toBytes()};
            for (int i = 0; i < 20; i++) {
                for (byte[] j : junk) {
                    attacker.send(new DatagramPacket(j, j.length, target));
                }
            }
        }
        awaitPackets(c.station(), 100);
        assertThat(c.station().statistics().rejectedPackets()).isPositive();
        c.station().close();
        assertThat(levelOf(heard, 1000)).isCloseTo(ToneMicrophone.LEVEL_DBFS, offset(1.5));
    }

    @Test
    void reportsNoAudioWhenThePeerNeverSends() throws Exception {
        AtomicReference<String> reason = new AtomicReference<>();
        MediaSockets sockets = PORTS.bind(LOOPBACK);
        try (DatagramSocket silentPeer = new DatagramSocket(0, LOOPBACK)) {
            NegotiatedMedia media = new NegotiatedMedia("127.0.0.1", silentPeer.getLocalPort(),
                rock.intercom.media.codec.Codec.PCMU, 0, 101, rock.intercom.media.sdp.MediaDirection.SENDRECV,
                java.util.Optional.empty());
            MediaSession s = new MediaSession(sockets, media, new ToneMicrophone(1000), new NoSpeaker(),
                new MediaSessionOptions(100, 100, Duration.ofMillis(400), Duration.ofSeconds(5), "door"),
                new MediaListener() {
                    @Override
                    public void onNoMedia(String r) {
                        reason.set(r);
                    }
                });
            toClose.add(s);
            s.start();
            await().atMost(Duration.ofSeconds(5)).untilAtomic(reason, org.hamcrest.Matchers.notNullValue());
            assertThat(reason.get()).isEqualTo("no audio received");
            assertThat(s.statistics().packetsSent()).isPositive();
        }
    }

    @Test
    void holdSuppressesTheWatchdogUntilResumed() throws Exception {
        AtomicReference<String> reason = new AtomicReference<>();
        MediaSockets sockets = PORTS.bind(LOOPBACK);
        try (DatagramSocket silentPeer = new DatagramSocket(0, LOOPBACK)) {
            NegotiatedMedia held = new NegotiatedMedia("127.0.0.1", silentPeer.getLocalPort(),
                rock.intercom.media.codec.Codec.PCMU, 0, 101, rock.intercom.media.sdp.MediaDirection.SENDONLY,
                java.util.Optional.empty());
            MediaSession s = new MediaSession(sockets, held, new ToneMicrophone(1000), new NoSpeaker(),
                new MediaSessionOptions(100, 100, Duration.ofMillis(300), Duration.ofSeconds(5), "door"),
                new MediaListener() {
                    @Override
                    public void onNoMedia(String r) {
                        reason.set(r);
                    }
                });
            toClose.add(s);
            s.start();
            // The peer put us on hold (we only send): silence from it is expected, for longer than N.
            await().pollDelay(Duration.ofMillis(900)).atMost(Duration.ofSeconds(2))
                .until(() -> s.statistics().packetsSent() > 20);
            assertThat(reason.get()).isNull();
            s.updateRemote("127.0.0.1", silentPeer.getLocalPort(), rock.intercom.media.sdp.MediaDirection.SENDRECV);
            await().atMost(Duration.ofSeconds(5)).untilAtomic(reason, org.hamcrest.Matchers.notNullValue());
            assertThat(reason.get()).isEqualTo(MediaListener.NO_AUDIO_RECEIVED);
        }
    }

    /**
     * Hold by the peer's own SDP (issue 11): its sendonly or c=0.0.0.0 leaves us recvonly, its
     * inactive leaves us inactive; a PBX without music on hold then sends nothing, for as long as
     * it holds. Resuming gives the peer a whole timeout from the resume, not from its last packet.
     */
    @ParameterizedTest(name = "we are {0}")
    @EnumSource(value = rock.intercom.media.sdp.MediaDirection.class, names = {"RECVONLY", "INACTIVE"})
    void aPeerHoldingUsMayStaySilentAndResumingRearmsTheWatchdog(rock.intercom.media.sdp.MediaDirection held)
            throws Exception {
        AtomicReference<String> reason = new AtomicReference<>();
        MediaSockets sockets = PORTS.bind(LOOPBACK);
        try (DatagramSocket silentPeer = new DatagramSocket(0, LOOPBACK)) {
            NegotiatedMedia media = new NegotiatedMedia("127.0.0.1", silentPeer.getLocalPort(),
                rock.intercom.media.codec.Codec.PCMU, 0, 101, held, java.util.Optional.empty());
            MediaSession s = new MediaSession(sockets, media, new ToneMicrophone(1000), new NoSpeaker(),
                new MediaSessionOptions(100, 100, Duration.ofMillis(700), Duration.ofSeconds(5), "door"),
                new MediaListener() {
                    @Override
                    public void onNoMedia(String r) {
                        reason.set(r);
                    }
                });
            toClose.add(s);
            s.start();
            Thread.sleep(1800);
            assertThat(reason.get()).as("held for more than twice the timeout").isNull();

            s.updateRemote("127.0.0.1", silentPeer.getLocalPort(), rock.intercom.media.sdp.MediaDirection.SENDRECV);
            Thread.sleep(250);
            assertThat(reason.get()).as("a resumed peer gets a whole timeout").isNull();
            await().atMost(Duration.ofSeconds(5)).untilAtomic(reason, org.hamcrest.Matchers.notNullValue());
            assertThat(reason.get()).isEqualTo(MediaListener.NO_AUDIO_RECEIVED);
        }
    }

    @Test
    void stopsEveryThreadOnClose() throws Exception {
        Call c = call(Encryption.RTP_OPTIONAL_SRTP, Encryption.RTP_OPTIONAL_SRTP, new ToneMicrophone(1000),
            new ToneMicrophone(440), null, null, new MediaListener() { }, 100);
        awaitPackets(c.station(), 10);
        c.door().close();
        c.station().close();
        await().atMost(Duration.ofSeconds(3)).until(() -> Thread.getAllStackTraces().keySet().stream()
            .noneMatch(t -> t.getName().startsWith("rtp-") || t.getName().startsWith("rtcp-")
                || t.getName().startsWith("media-timer")));
    }
}
