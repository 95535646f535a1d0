package rock.intercom.app.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rock.intercom.call.CallDirection;
import rock.intercom.call.CallInput;
import rock.intercom.call.media.MediaProblem;
import rock.intercom.call.media.RemoteAnswer;
import rock.intercom.call.media.SdpAnswer;
import rock.intercom.call.media.SdpOffer;
import rock.intercom.media.audio.NoSpeaker;
import rock.intercom.media.audio.ToneMicrophone;
import rock.intercom.media.audio.WavFile;
import rock.intercom.media.audio.WavFileSpeaker;
import rock.intercom.media.session.RtpPortRange;
import rock.intercom.media.srtp.SrtpCryptoProvider;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.Encryption;
import rock.intercom.testkit.FreePorts;
import rock.intercom.testkit.TestDevices;

/**
 * Two {@link CallAudio}s on loopback — the door and a "station" — run offer → answer → accepted
 * for each encryption pairing, then real RTP/SRTP between them: the door's 1 kHz tone microphone
 * must arrive in the station's speaker WAV at the tone's level (G.711 costs well under 1 dB).
 */
class CallAudioLoopbackTest {

    private static final Path DIR = Path.of("target", "audio-tests", "loopback").toAbsolutePath();
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int RATE = 8000;
    /** The tone microphone's level: −6 dBFS. */
    private static final double TONE_DBFS = ToneMicrophone.LEVEL_DBFS;

    private final List<CallInput> doorInputs = new CopyOnWriteArrayList<>();
    private final List<CallInput> stationInputs = new CopyOnWriteArrayList<>();
    private final AtomicReference<DeviceSettings> doorSettings = new AtomicReference<>();
    private final AtomicReference<DeviceSettings> stationSettings = new AtomicReference<>();
    private CallAudio door;
    private CallAudio station;
    private Path stationWav;
    private RtpPortRange doorPorts;

    @BeforeAll
    static void createDir() throws Exception {
        Files.createDirectories(DIR);
        SrtpCryptoProvider.warmUp(); // as a device does at start-up (CallAudio starts it in the background)
    }

    private void devices(DeviceSettings doorNow, DeviceSettings stationNow, String name) {
        doorSettings.set(doorNow);
        stationSettings.set(stationNow);
        int base = FreePorts.udpRun(20);
        doorPorts = new RtpPortRange(base, base + 19);
        stationWav = DIR.resolve(name.replaceAll("[^A-Za-z0-9]+", "-") + "-station.wav");
        door = new CallAudio(doorSettings::get, new AudioSetup(() -> new ToneMicrophone(1000), NoSpeaker::new,
                doorPorts, "tone:1000", "none", List.of()), MediaAddress.fixed(LOOPBACK), doorInputs::add);
        station = new CallAudio(stationSettings::get, new AudioSetup(() -> new ToneMicrophone(440),
                () -> new WavFileSpeaker(stationWav), new RtpPortRange(base + 20, base + 39), "tone:440",
                "file:" + stationWav, List.of()), MediaAddress.fixed(LOOPBACK), stationInputs::add);
    }

    @AfterEach
    void close() {
        if (door != null) {
            door.close();
        }
        if (station != null) {
            station.close();
        }
    }

    /** How the offer or the answer reaches the other side. */
    enum Peer {
        /** Unchanged: both sides are CallAudio. */
        AS_IS,
        /** The offer loses its crypto lines: the offerer is a plain-RTP phone. */
        PLAIN_OFFER,
        /** The answer loses its crypto lines: the answerer is a plain-RTP phone. */
        PLAIN_ANSWER
    }

    static Stream<Arguments> pairings() {
        String srtp80 = "SRTP AES_CM_128_HMAC_SHA1_80";
        return Stream.of(
                Arguments.of("both optional", Encryption.RTP_OPTIONAL_SRTP, Encryption.RTP_OPTIONAL_SRTP, Peer.AS_IS,
                        srtp80, null),
                Arguments.of("door srtp-only, station optional", Encryption.SRTP_ONLY, Encryption.RTP_OPTIONAL_SRTP,
                        Peer.AS_IS, srtp80, null),
                Arguments.of("door optional, station srtp-only", Encryption.RTP_OPTIONAL_SRTP, Encryption.SRTP_ONLY,
                        Peer.AS_IS, srtp80, null),
                Arguments.of("both srtp-only", Encryption.SRTP_ONLY, Encryption.SRTP_ONLY, Peer.AS_IS, srtp80, null),
                Arguments.of("plain offer to optional station", Encryption.RTP_OPTIONAL_SRTP,
                        Encryption.RTP_OPTIONAL_SRTP, Peer.PLAIN_OFFER, "RTP", null),
                Arguments.of("plain offer to srtp-only station", Encryption.RTP_OPTIONAL_SRTP, Encryption.SRTP_ONLY,
                        Peer.PLAIN_OFFER, null, "488 remote does not support SRTP"),
                Arguments.of("optional door, plain answer", Encryption.RTP_OPTIONAL_SRTP, Encryption.RTP_OPTIONAL_SRTP,
                        Peer.PLAIN_ANSWER, "RTP", null),
                Arguments.of("srtp-only door, plain answer", Encryption.SRTP_ONLY, Encryption.RTP_OPTIONAL_SRTP,
                        Peer.PLAIN_ANSWER, null, "door: remote does not support SRTP"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    void encryptionPairing(String name, Encryption doorEncryption, Encryption stationEncryption, Peer peer,
            String expectedSecurity, String expectedFailure) throws Exception {
        devices(TestDevices.audio(doorEncryption), TestDevices.audio(stationEncryption), name.replace(' ', '-'));
        String callId = "call-" + name.replace(' ', '-');

        String offer = offerSdp(door, callId);
        assertThat(offer).contains(doorEncryption == Encryption.SRTP_ONLY ? "RTP/SAVP" : "RTP/AVP")
                .contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:");
        SdpAnswer answer = station.answer(callId, peer == Peer.PLAIN_OFFER ? withoutCrypto(offer) : offer);
        if (answer instanceof SdpAnswer.Refusal refusal) {
            assertThat(refusal.sipStatus() + " " + refusal.reason()).isEqualTo(expectedFailure);
            assertThat(station.mediaSecurity(callId)).isEmpty();
            return;
        }
        String answerSdp = ((SdpAnswer.Answer) answer).sdp();
        RemoteAnswer problem = door.accepted(callId, peer == Peer.PLAIN_ANSWER ? withoutCrypto(answerSdp)
                : answerSdp);
        if (expectedFailure != null) {
            assertThat(problem).isEqualTo(new MediaProblem(expectedFailure.substring("door: ".length())));
            door.start(callId, CallDirection.OUTGOING); // the call logic may still start: nothing runs, nothing posted
            assertThat(door.session(callId)).isEmpty();
            assertThat(doorInputs).isEmpty();
            return;
        }
        assertThat(problem).isInstanceOfSatisfying(RemoteAnswer.Usable.class,
                usable -> assertThat(usable.media().protection()).isEqualTo(expectedSecurity));
        if (peer == Peer.PLAIN_ANSWER) {
            // The station really negotiated SRTP; a plain phone would have sent RTP. Only the door's view is checked.
            assertThat(door.mediaSecurity(callId)).contains(expectedSecurity);
            return;
        }
        assertThat(door.mediaSecurity(callId)).contains(expectedSecurity);
        assertThat(station.mediaSecurity(callId)).contains(expectedSecurity);

        station.start(callId, CallDirection.INCOMING);
        door.start(callId, CallDirection.OUTGOING);
        awaitReceived(callId, 60);
        station.stop(callId);
        door.stop(callId);

        short[] heard = WavFile.readMono(stationWav, RATE);
        ToneLevels tone = levels(heard, 1000);
        assertThat(tone.medianDbfs()).as("1 kHz at the station " + tone).isBetween(TONE_DBFS - 1.5, TONE_DBFS + 1.0);
        assertThat(tone.shareWithin(TONE_DBFS - 1.5, TONE_DBFS + 1.0)).as("1 kHz at the station " + tone)
                .isGreaterThan(0.9);
        assertThat(levels(heard, 440).medianDbfs()).as("no 440 Hz echo at the station").isLessThan(-40);
        assertThat(doorInputs).isEmpty();
        assertThat(stationInputs).isEmpty();
    }

    @Test
    void microphoneVolumeZeroSendsSilenceAndLiveChangesApply() throws Exception {
        devices(TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP, 0, 100, 5060, Map.of()),
                TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP), "volume");
        String callId = "call-volume";
        connect(callId);
        awaitReceived(callId, 40);
        short[] muted = WavFile.readMono(stationWav, RATE);
        assertThat(levels(muted, 1000).loudestDbfs()).as("volume 0 mutes").isLessThan(-60);

        // Volume 50 is −15 dB on the documented curve; the change applies during the call.
        door.settingsChanged(TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP, 50, 100, 5060, Map.of()));
        long before = door.session(callId).orElseThrow().statistics().packetsSent();
        await().atMost(Duration.ofSeconds(5)).until(() -> received(callId) > 40 + 40
                && door.session(callId).orElseThrow().statistics().packetsSent() > before + 40);
        station.stop(callId);
        door.stop(callId);
        short[] heard = WavFile.readMono(stationWav, RATE);
        short[] tail = java.util.Arrays.copyOfRange(heard, heard.length - 4000, heard.length);
        assertThat(ToneLevels.of(tail, 0, tail.length, 1000, RATE).medianDbfs()).as("volume 50 = -15 dB")
                .isBetween(TONE_DBFS - 16.5, TONE_DBFS - 13.5);
    }

    @Test
    void stopReleasesThePortsAndTheThreads() throws Exception {
        devices(TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP), TestDevices.audio(Encryption.SRTP_ONLY),
                "release");
        String callId = "call-release";
        connect(callId);
        int doorPort = door.session(callId).orElseThrow().localRtpPort();
        int stationPort = station.session(callId).orElseThrow().localRtpPort();
        awaitReceived(callId, 10);
        assertThat(mediaThreads(doorPort)).isNotEmpty();

        door.stop(callId);
        station.stop(callId);

        assertThat(door.session(callId)).isEmpty();
        assertThat(mediaThreads(doorPort)).isEmpty();
        assertThat(mediaThreads(stationPort)).isEmpty();
        for (int port : new int[] {doorPort, doorPort + 1, stationPort, stationPort + 1}) {
            try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
                assertThat(again.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void anOfferThatNeverStartsIsReleasedByTheNextCall() throws Exception {
        devices(TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP), TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP),
                "superseded");
        String busy = offerSdp(door, "call-busy"); // the station answered 486: no answer, no start, no stop
        int busyPort = Integer.parseInt(busy.lines().filter(l -> l.startsWith("m=audio ")).findFirst().orElseThrow()
                .split(" ")[1]);
        String next = offerSdp(door, "call-next");
        int nextPort = Integer.parseInt(next.lines().filter(l -> l.startsWith("m=audio ")).findFirst().orElseThrow()
                .split(" ")[1]);
        if (nextPort != busyPort) {
            // Released, so free again (the next call may also have been given the same pair).
            try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(LOOPBACK, busyPort))) {
                assertThat(again.getLocalPort()).isEqualTo(busyPort);
            }
        }
        assertThat(door.accepted("call-busy", "v=0")).isEqualTo(new MediaProblem("no offer was made for this call"));
    }

    @Test
    void withoutAFreeRtpPortTheCallFailsBeforeAnyInviteLeaves() throws Exception {
        devices(TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP), TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP),
                "exhausted");
        int low = doorPorts.low();
        CallAudio onePair = new CallAudio(doorSettings::get, new AudioSetup(() -> new ToneMicrophone(1000),
                NoSpeaker::new, new RtpPortRange(low, low + 1), "tone:1000", "none", List.of()),
                MediaAddress.fixed(LOOPBACK), doorInputs::add);
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(LOOPBACK, low))) {
            // No exception and no input from the media side: the signalling reports the reason once.
            SdpOffer none = onePair.offer("call-no-port");
            assertThat(none).isInstanceOfSatisfying(MediaProblem.class,
                    unavailable -> assertThat(unavailable.reason()).startsWith("no RTP port for the call: no free RTP port pair"));
            assertThat(doorInputs).isEmpty();
            SdpAnswer refused = onePair.answer("call-in-no-port", offerSdp(door, "call-offer"));
            assertThat(refused).isInstanceOf(SdpAnswer.Refusal.class);
            assertThat(((SdpAnswer.Refusal) refused).sipStatus()).isEqualTo(488);
        } finally {
            onePair.close();
        }
    }

    /** Issue 12's press rehearsal: the offer a press would make, with keys, binding nothing. */
    @Test
    void aRehearsedOfferBindsNoPortAndLeavesTheOnlyPairToTheNextCall() throws Exception {
        devices(TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP), TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP),
                "rehearsal");
        int low = doorPorts.low();
        CallAudio onePair = new CallAudio(doorSettings::get, new AudioSetup(() -> new ToneMicrophone(1000),
                NoSpeaker::new, new RtpPortRange(low, low + 1), "tone:1000", "none", List.of()),
                MediaAddress.fixed(LOOPBACK), doorInputs::add);
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(onePair.rehearsedOffer()).contains("m=audio 9 RTP/AVP").contains("a=crypto:1 ");
            }
            assertThat(onePair.offer("call-after-rehearsal")).isInstanceOfSatisfying(SdpOffer.Offer.class,
                    offer -> assertThat(offer.sdp()).contains("m=audio " + ((low + 1) & ~1) + " "));
        } finally {
            onePair.close();
        }
    }

    @Test
    void closeReleasesEveryCall() throws Exception {
        devices(TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP), TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP),
                "close");
        connect("call-close");
        int port = door.session("call-close").orElseThrow().localRtpPort();
        door.close();
        assertThat(door.session("call-close")).isEmpty();
        assertThat(mediaThreads(port)).isEmpty();
        try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void noAudioForTheConfiguredTimeFailsTheCall() throws Exception {
        devices(TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP, 100, 100, 5060,
                Map.of(NoMediaTimeout.KEY, "1")), TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP), "watchdog");
        String callId = "call-watchdog";
        connect(callId);
        awaitReceived(callId, 10);
        station.stop(callId); // the station goes silent: one-way audio from the door's point of view
        await().atMost(Duration.ofSeconds(4))
                .until(() -> doorInputs.contains(new CallInput.MediaFailed(callId, "no audio received")));
        assertThat(doorInputs).containsExactly(new CallInput.MediaFailed(callId, "no audio received"));
    }

    /**
     * The signalling applies the answer before it posts Answered, so the start finds the media
     * agreed and opens it at once; the agreement is what the Answered input carries.
     */
    @Test
    void theAnswerIsAppliedBeforeStartSoStartOpensAtOnce() throws Exception {
        devices(TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP), TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP),
                "race");
        String callId = "call-race";
        String answer = ((SdpAnswer.Answer) station.answer(callId, offerSdp(door, callId))).sdp();
        assertThat(door.accepted(callId, answer)).isInstanceOfSatisfying(RemoteAnswer.Usable.class,
                usable -> assertThat(usable.media().protection()).isEqualTo("SRTP AES_CM_128_HMAC_SHA1_80"));
        long started = System.nanoTime();
        door.start(callId, CallDirection.OUTGOING);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(door.session(callId)).isPresent();
        assertThat(doorInputs).isEmpty();
    }

    /** A start whose offer was never answered (a 2xx without SDP): nothing opens, nothing is reported twice. */
    @Test
    void startWithoutAnAppliedAnswerStartsNothingAndReportsNothing() throws Exception {
        devices(TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP), TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP),
                "unanswered");
        String callId = "call-unanswered";
        offerSdp(door, callId);
        door.start(callId, CallDirection.OUTGOING);
        assertThat(door.session(callId)).isEmpty();
        assertThat(doorInputs).as("the signalling reported the missing answer").isEmpty();
        door.stop(callId);
    }

    @Test
    void startOfAnUnknownCallReportsMediaFailed() {
        devices(TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP), TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP),
                "unknown");
        door.start("nobody", CallDirection.INCOMING);
        assertThat(doorInputs).containsExactly(new CallInput.MediaFailed("nobody", "no media was negotiated for this call"));
        assertThat(door.mediaSecurity("nobody")).isEmpty();
    }

    @Test
    void malformedOfferIsRefusedWith400AndHoldsNoPort() throws Exception {
        devices(TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP), TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP),
                "malformed");
        SdpAnswer answer = door.answer("call-bad", "this is not SDP");
        assertThat(answer).isInstanceOf(SdpAnswer.Refusal.class);
        assertThat(((SdpAnswer.Refusal) answer).sipStatus()).isEqualTo(400);
        for (int port = doorPorts.low(); port <= doorPorts.high(); port++) {
            try (DatagramSocket free = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
                assertThat(free.isBound()).isTrue();
            }
        }
    }

    /**
     * A door offering best-effort SRTP to a peer that refused it (488): the retry offer is the same
     * offer as RTP/SAVP, the SRTP-only peer accepts it and audio flows on SRTP. Only one retry.
     */
    @Test
    void refusedBestEffortOfferIsRetriedAsSavp() throws Exception {
        devices(TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP), TestDevices.audio(Encryption.SRTP_ONLY),
                "retry");
        String callId = "call-retry";
        String first = offerSdp(door, callId);
        assertThat(first).contains(" RTP/AVP ");
        String retry = door.retryOffer(callId, 488).orElseThrow();
        assertThat(retry).contains(" RTP/SAVP ").doesNotContain(" RTP/AVP ");
        assertThat(retry.lines().filter(l -> l.startsWith("a=crypto:")).toList())
                .isEqualTo(first.lines().filter(l -> l.startsWith("a=crypto:")).toList());
        assertThat(door.retryOffer(callId, 488)).as("only once").isEmpty();
        String answer = ((SdpAnswer.Answer) station.answer(callId, retry)).sdp();
        assertThat(door.accepted(callId, answer)).isInstanceOf(RemoteAnswer.Usable.class);
        assertThat(door.mediaSecurity(callId)).contains("SRTP AES_CM_128_HMAC_SHA1_80");
        station.start(callId, CallDirection.INCOMING);
        door.start(callId, CallDirection.OUTGOING);
        awaitReceived(callId, 20);
        assertThat(doorInputs).isEmpty();
    }

    @Test
    void srtpOnlyDoorHasNoOtherOfferAndUnknownCallsNone() {
        devices(TestDevices.audio(Encryption.SRTP_ONLY), TestDevices.audio(Encryption.SRTP_ONLY), "no-retry");
        offerSdp(door, "call-no-retry");
        assertThat(door.retryOffer("call-no-retry", 488)).isEmpty();
        assertThat(door.retryOffer("call-unknown", 488)).isEmpty();
    }

    /** Digits by RFC 4733 and by SIP INFO are kept with the call in arrival order (and logged). */
    @Test
    void receivedDigitsAreKeptWithTheCall() throws Exception {
        devices(TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP), TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP),
                "digits");
        String callId = "call-digits";
        connect(callId);
        awaitReceived(callId, 5);
        assertThat(door.session(callId).orElseThrow().sendDtmf('5')).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> station.receivedDigits(callId).equals("5"));
        station.infoDigit(callId, '#');
        assertThat(door.session(callId).orElseThrow().sendDtmf('1')).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> station.receivedDigits(callId).length() == 3);
        assertThat(station.receivedDigits(callId)).isEqualTo("5#1");
        assertThat(station.session(callId).orElseThrow().receivedDigits()).isEqualTo("51");
        station.infoDigit("call-unknown", '9');
        assertThat(station.receivedDigits("call-unknown")).isEmpty();
        station.stop(callId);
        assertThat(station.receivedDigits(callId)).as("gone with the call's audio").isEmpty();
    }

    private void connect(String callId) {
        String answer = ((SdpAnswer.Answer) station.answer(callId, offerSdp(door, callId))).sdp();
        assertThat(door.accepted(callId, answer)).isInstanceOf(RemoteAnswer.Usable.class);
        station.start(callId, CallDirection.INCOMING);
        door.start(callId, CallDirection.OUTGOING);
    }

    private static String offerSdp(CallAudio audio, String callId) {
        return ((SdpOffer.Offer) audio.offer(callId)).sdp();
    }

    private long received(String callId) {
        return station.session(callId).map(s -> s.statistics().packetsReceived()).orElse(0L);
    }

    /** Waits until the station received {@code packets} RTP packets (20 ms each). */
    private void awaitReceived(String callId, int packets) {
        await().atMost(Duration.ofSeconds(5)).until(() -> received(callId) >= packets);
    }

    private static String withoutCrypto(String sdp) {
        return sdp.lines().filter(l -> !l.startsWith("a=crypto:")).collect(Collectors.joining("\r\n", "", "\r\n"));
    }

    /** The tone's levels in 50 ms blocks after the first 200 ms (jitter buffer fill, PLC start). */
    static ToneLevels levels(short[] pcm, double hz) {
        // Count from the first sound: on a loaded machine the far end may start well after the recorder,
        // and the silence before its first packet says nothing about the level of what arrives.
        int firstSound = 0;
        while (firstSound < pcm.length && Math.abs(pcm[firstSound]) < 64) {
            firstSound++;
        }
        int from = Math.min(pcm.length, (firstSound == pcm.length ? 0 : firstSound) + RATE / 5);
        assertThat(pcm.length - from).as("recorded samples").isGreaterThan(RATE / 4);
        return ToneLevels.of(pcm, from, pcm.length, hz, RATE);
    }

    private static List<String> mediaThreads(int port) {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.endsWith("-" + port) && (n.startsWith("rtp-") || n.startsWith("rtcp-")
                        || n.startsWith("media-timer"))).toList();
    }
}
