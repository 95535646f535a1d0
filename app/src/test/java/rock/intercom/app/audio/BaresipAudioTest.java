package rock.intercom.app.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rock.intercom.call.CallCommand.SendInvite;
import rock.intercom.call.CallDirection;
import rock.intercom.call.CallInput;
import rock.intercom.call.CallSignalling;
import rock.intercom.media.audio.ToneMicrophone;
import rock.intercom.media.audio.WavFile;
import rock.intercom.media.audio.WavFileSpeaker;
import rock.intercom.media.session.RtpPortRange;
import rock.intercom.media.srtp.SrtpCryptoProvider;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.Encryption;
import rock.intercom.sip.call.CallDialogs;
import rock.intercom.sip.call.DeviceStack;
import rock.intercom.testkit.Baresip;
import rock.intercom.testkit.FreePorts;
import rock.intercom.testkit.TestDevices;

/**
 * Two-way audio with a real baresip 1.0 station (issue 6, "Tests (real peers)"): the door's SIP
 * side is the real {@link CallDialogs} on a JAIN-SIP stack with {@link CallAudio} as its session
 * descriptions and media; baresip auto-answers a direct INVITE. The door's microphone is a 1 kHz
 * tone, baresip's a 440 Hz WAV made with sox; baresip's dump of what it decoded must hold 1 kHz
 * and the door's speaker WAV 440 Hz, each at the sent level (−6 dBFS, ±1.5 dB for G.711). Repeated
 * per encryption pairing. baresip starts once for the class (one account per encryption mode).
 */
class BaresipAudioTest {

    private static final Path DIR = Path.of("target", "audio-tests", "baresip").toAbsolutePath();
    private static final int RATE = 8000;
    private static final double LEVEL_DBFS = -6.0;
    private static final Duration TALK = Duration.ofMillis(2500);

    private static Baresip station;
    private static Path source440;

    private final AtomicReference<DeviceSettings> settings = new AtomicReference<>();
    private final List<CallInput> inputs = new CopyOnWriteArrayList<>();
    private ExecutorService callThread;
    private DeviceStack sip;
    private CallDialogs dialogs;
    private CallSignalling signalling;
    private CallAudio audio;
    private Path doorSpeaker;
    private volatile String currentCall;

    @BeforeAll
    static void startStation() throws Exception {
        SrtpCryptoProvider.warmUp(); // as a device does at start-up: the first SRTP call must not stall
        for (String module : List.of("aufile.so", "g711.so", "srtp.so", "sndfile.so", "aubridge.so")) {
            assertThat(Baresip.MODULES.resolve(module)).as("baresip module " + module).exists();
        }
        Files.createDirectories(DIR);
        // 20 s of 440 Hz at −6 dBFS, mono S16LE at the codec's rate: what baresip's aufile source accepts.
        source440 = tone440(8000);
        Path wideband440 = tone440(16000);
        station = Baresip.guardStation(DIR.resolve("station"), source440, wideband440);
    }

    private static Path tone440(int rate) throws Exception {
        Path file = DIR.resolve("station-440-" + rate + ".wav");
        Process sox = new ProcessBuilder("sox", "-n", "-r", Integer.toString(rate), "-c", "1", "-b", "16", "-e",
                "signed-integer", file.toString(), "synth", "20", "sine", "440", "vol", "0.5").inheritIO().start();
        assertThat(sox.waitFor(10, TimeUnit.SECONDS) && sox.exitValue() == 0).as("sox made " + file).isTrue();
        return file;
    }

    @AfterAll
    static void stopStation() {
        if (station != null) {
            station.close();
        }
    }

    @BeforeEach
    void door() throws Exception {
        callThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-call-thread"));
        settings.set(TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP, 100, 100, station.sipPort(), Map.of()));
        sip = new DeviceStack(settings::get, FreePorts.tcpAndUdp());
        doorSpeaker = DIR.resolve("door-speaker-" + UUID.randomUUID() + ".wav");
        int base = FreePorts.udpRun(20);
        audio = new CallAudio(settings::get, new AudioSetup(() -> new ToneMicrophone(1000),
                () -> new WavFileSpeaker(doorSpeaker), new RtpPortRange(base, base + 19), "tone:1000",
                "file:" + doorSpeaker, List.of()), MediaAddress.fixed(InetAddress.getLoopbackAddress()), this::drive);
        dialogs = new CallDialogs(sip, audio);
        sip.attach(dialogs);
        signalling = dialogs.signalling();
        signalling.start(this::drive);
    }

    @AfterEach
    void closeDoor() throws Exception {
        if (currentCall != null) {
            // A failed test must not leave baresip in a call: the next INVITE would not be auto-answered.
            signalling.sendCancel(currentCall);
            signalling.sendBye(currentCall);
            await().atMost(Duration.ofSeconds(3)).until(() -> !station.inCall());
        }
        audio.close();
        dialogs.close();
        sip.close();
        callThread.shutdownNow();
        callThread.awaitTermination(2, TimeUnit.SECONDS);
    }

    /** Plays the call logic: inputs are handled on one call thread, as CallController does. */
    private void drive(CallInput input) {
        inputs.add(input);
        callThread.execute(() -> {
            if (input instanceof CallInput.IncomingInvite invite) {
                currentCall = invite.callId();
                signalling.answerIncoming(invite.callId());
            } else if (input instanceof CallInput.IncomingAcknowledged acknowledged) {
                audio.start(acknowledged.callId(), CallDirection.INCOMING);
            } else if (input instanceof CallInput.Answered answered) {
                signalling.sendAck(answered.callId());
                audio.start(answered.callId(), CallDirection.OUTGOING);
            } else if (input instanceof CallInput.MediaFailed failed) {
                audio.stop(failed.callId());
                signalling.sendBye(failed.callId());
            } else if (input instanceof CallInput.RemoteHangUp hangUp) {
                audio.stop(hangUp.callId());
            }
        });
    }

    @Test
    void plainRtpBothWays() throws Exception {
        talk(Encryption.RTP_OPTIONAL_SRTP, Baresip.PLAIN, 100, "RTP");
    }

    @Test
    void srtpBothWaysWithABestEffortSrtpStation() throws Exception {
        talk(Encryption.RTP_OPTIONAL_SRTP, Baresip.SRTP, 100, "SRTP AES_CM_128_HMAC_SHA1_80");
    }

    @Test
    void srtpOnlyDoorWithAnSrtpMandatoryStation() throws Exception {
        talk(Encryption.SRTP_ONLY, Baresip.SRTP_MANDATORY, 100, "SRTP AES_CM_128_HMAC_SHA1_80");
    }

    @Test
    void srtpOnlyDoorWithABestEffortSrtpStation() throws Exception {
        talk(Encryption.SRTP_ONLY, Baresip.SRTP, 100, "SRTP AES_CM_128_HMAC_SHA1_80");
    }

    /**
     * Issue 6: "optional door vs SRTP-mandatory station (SRTP)". The station refuses the
     * best-effort offer (RTP/AVP with crypto lines) with 488 itself; the door sends the INVITE
     * once more with the RTP/SAVP variant (see OfferAnswer#savpRetry) and the call runs on SRTP
     * with two-way audio. The call logic sees one attempt: no Rejected, one Answered.
     */
    @Test
    void optionalDoorRetriesWithSavpForAnSrtpMandatoryStation() throws Exception {
        talk(Encryption.RTP_OPTIONAL_SRTP, Baresip.SRTP_MANDATORY, 100, "SRTP AES_CM_128_HMAC_SHA1_80");
        assertThat(inputs).noneMatch(i -> i instanceof CallInput.Rejected);
        assertThat(inputs).filteredOn(i -> i instanceof CallInput.Answered).hasSize(1);
        assertThat(station.log()).as("the first offer was refused by the station")
                .containsPattern("(?i)488|not acceptable|no common audio codecs");
    }

    @Test
    void wideband722WithSrtp() throws Exception {
        talk(Encryption.RTP_OPTIONAL_SRTP, Baresip.WIDEBAND, 100, "SRTP AES_CM_128_HMAC_SHA1_80");
        assertThat(station.log()).contains("Set audio decoder: G722");
    }

    @Test
    void microphoneVolumeZeroReachesTheStationAsSilence() throws Exception {
        talk(Encryption.RTP_OPTIONAL_SRTP, Baresip.PLAIN, 0, "RTP");
    }

    /**
     * baresip's plain account refuses an RTP/SAVP offer itself ("no common audio codecs") with 488,
     * so the door sees a rejected INVITE; no media is set up and no port stays bound.
     */
    @Test
    void srtpOnlyDoorAgainstAPlainStationIsRefused() throws Exception {
        settings.set(TestDevices.audio(Encryption.SRTP_ONLY, 100, 100, station.sipPort(), Map.of()));
        String callId = "audio-" + UUID.randomUUID();
        signalling.sendInvite(new SendInvite(callId, Baresip.PLAIN, 1, 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> inputs.stream().anyMatch(i ->
                i instanceof CallInput.MediaFailed || i instanceof CallInput.Rejected));
        assertThat(inputs).as("inputs %s; baresip:%n%s", inputs, station.log())
                .filteredOn(i -> i instanceof CallInput.Rejected).singleElement()
                .isEqualTo(new CallInput.Rejected(callId, 488, "Not Acceptable Here"));
        assertThat(station.log()).contains("no common audio codecs - rejected");
        assertThat(audio.session(callId)).isEmpty();
        assertThat(audio.mediaSecurity(callId)).isEmpty();
    }

    /** One call: the door calls {@code number}, both sides talk, the door hangs up; then the recordings are measured. */
    private void talk(Encryption encryption, String number, int microphoneVolume, String security) throws Exception {
        settings.set(TestDevices.audio(encryption, microphoneVolume, 100, station.sipPort(), Map.of()));
        long endedBefore = station.callsEnded();
        List<Path> dumpsBefore = station.receivedDumps();
        String callId = "audio-" + UUID.randomUUID();
        currentCall = callId;

        signalling.sendInvite(new SendInvite(callId, number, 1, 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> audio.session(callId).isPresent()
                || inputs.stream().anyMatch(i -> i instanceof CallInput.MediaFailed || i instanceof CallInput.Rejected));
        assertThat(audio.session(callId)).as("media running; inputs %s; baresip:\n%s", inputs, station.log())
                .isPresent();
        assertThat(audio.mediaSecurity(callId)).contains(security);
        assertThat(inputs).as("Answered carries what the applied answer agreed")
                .filteredOn(i -> i instanceof CallInput.Answered a && a.callId().equals(callId)).singleElement()
                .satisfies(i -> assertThat(((CallInput.Answered) i).media().protection()).isEqualTo(security));
        long packets = TALK.toMillis() / 20;
        await().atMost(TALK.plusSeconds(5)).until(() -> audio.session(callId).map(s -> s.statistics())
                .filter(s -> s.packetsReceived() >= packets && s.packetsSent() >= packets).isPresent());

        String doorStatistics = audio.session(callId).map(s -> s.statistics().toString()).orElse("(no session)");
        signalling.sendBye(callId);
        audio.stop(callId);
        await().atMost(Duration.ofSeconds(5)).until(() -> station.callsEnded() > endedBefore);
        assertThat(inputs).noneMatch(i -> i instanceof CallInput.MediaFailed);

        List<Path> dumps = new java.util.ArrayList<>(station.receivedDumps());
        dumps.removeAll(dumpsBefore);
        assertThat(dumps).as("baresip's dump of this call").hasSize(1);
        assertTwoWayAudio(dumps.get(0), microphoneVolume, doorStatistics);
        if (security.startsWith("SRTP")) {
            assertThat(station.log()).contains("SRTP is Enabled");
        }
    }

    /** baresip's dump holds the door's 1 kHz (or silence when muted); the door's speaker WAV baresip's 440 Hz. */
    private void assertTwoWayAudio(Path stationDump, int microphoneVolume, String doorStatistics) throws Exception {
        assertThat(Files.size(stationDump)).as("baresip decoded audio from the door; door %s", doorStatistics)
                .isGreaterThan(44 + 2 * RATE);
        short[] heardByStation = WavFile.readMono(stationDump, RATE);
        short[] heardByDoor = WavFile.readMono(doorSpeaker, RATE);
        if (microphoneVolume == 0) {
            assertThat(levels(heardByStation, 1000).loudestDbfs()).as("muted door at the station").isLessThan(-60);
        } else {
            assertTone(levels(heardByStation, 1000), "door's 1 kHz at the station");
            assertThat(levels(heardByStation, 440).medianDbfs()).as("no 440 Hz at the station").isLessThan(-40);
        }
        assertTone(levels(heardByDoor, 440), "station's 440 Hz at the door's speaker");
        assertThat(levels(heardByDoor, 1000).medianDbfs()).as("no 1 kHz at the door's speaker").isLessThan(-40);
    }

    @Test
    void incomingSrtpCallFromTheStationIsAnsweredWithTwoWayAudio() throws Exception {
        try (Baresip caller = Baresip.guardCaller(DIR.resolve("caller"), source440,
                "sip:100@127.0.0.1:" + sip.port(), ";mediaenc=srtp")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> currentCall != null
                    && audio.session(currentCall).isPresent());
            String callId = currentCall;
            assertThat(inputs.get(0)).as(caller.log()).isInstanceOf(CallInput.IncomingInvite.class);
            assertThat(audio.mediaSecurity(callId)).contains("SRTP AES_CM_128_HMAC_SHA1_80");
            long packets = TALK.toMillis() / 20;
            await().atMost(TALK.plusSeconds(5)).until(() -> audio.session(callId).map(s -> s.statistics())
                    .filter(s -> s.packetsReceived() >= packets && s.packetsSent() >= packets).isPresent());
            String doorStatistics = audio.session(callId).orElseThrow().statistics().toString();
            signalling.sendBye(callId);
            audio.stop(callId);
            await().atMost(Duration.ofSeconds(5)).until(() -> caller.callsEnded() > 0);
            currentCall = null;
            assertThat(inputs).noneMatch(i -> i instanceof CallInput.MediaFailed);
            assertThat(caller.receivedDumps()).hasSize(1);
            assertTwoWayAudio(caller.receivedDumps().get(0), 100, doorStatistics);
            assertThat(caller.log()).contains("SRTP is Enabled");
        }
    }

    /**
     * The tone's levels over the last 1.5 s but 100 ms of a recording. The first call of a JVM can
     * start with up to ~2 s of silence on this loaded machine (class loading, JIT); the call runs
     * until 2.5 s of audio went each way, so this window is all steady-state audio.
     */
    private static ToneLevels levels(short[] pcm, double hz) {
        int to = pcm.length - RATE / 10;
        int from = to - RATE * 3 / 2;
        assertThat(from).as("recorded samples").isGreaterThan(0);
        return ToneLevels.of(pcm, from, to, hz, RATE);
    }

    /**
     * The sent level (−6 dBFS) within G.711/G.722's error, in the median and in 75 % of 50 ms blocks:
     * on a loaded 2-core machine either side may drop a few frames (seen: up to ~10 % of blocks),
     * which is not what this test measures; a missing or attenuated tone still fails the median.
     */
    private static void assertTone(ToneLevels tone, String what) {
        assertThat(tone.medianDbfs()).as(what + " " + tone).isBetween(LEVEL_DBFS - 1.5, LEVEL_DBFS + 1.0);
        assertThat(tone.shareWithin(LEVEL_DBFS - 1.5, LEVEL_DBFS + 1.0)).as(what + " " + tone).isGreaterThan(0.75);
    }
}
