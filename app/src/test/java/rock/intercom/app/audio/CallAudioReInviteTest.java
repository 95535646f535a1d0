package rock.intercom.app.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rock.intercom.call.CallDirection;
import rock.intercom.call.CallInput;
import rock.intercom.call.media.RemoteAnswer;
import rock.intercom.call.media.SdpAnswer;
import rock.intercom.call.media.SdpOffer;
import rock.intercom.media.audio.NoSpeaker;
import rock.intercom.media.audio.ToneMicrophone;
import rock.intercom.media.codec.Codec;
import rock.intercom.media.session.MediaSession;
import rock.intercom.media.session.RtpPortRange;
import rock.intercom.media.srtp.SrtpCryptoProvider;
import rock.intercom.settings.Encryption;
import rock.intercom.testkit.FreePorts;
import rock.intercom.testkit.TestDevices;

/**
 * An incoming call answered by the door, then re-INVITEs from the caller (RFC 3264 §8): hold keeps
 * the stream and its SRTP key and stops our sending; a codec change moves to a new stream; an
 * unusable re-offer is refused and the call goes on as it was (RFC 3261 §14.2).
 */
class CallAudioReInviteTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final List<CallInput> inputs = new CopyOnWriteArrayList<>();
    private CallAudio caller;
    private CallAudio door;

    @BeforeAll
    static void warmUp() {
        SrtpCryptoProvider.warmUp();
    }

    @BeforeEach
    void devices() {
        int base = FreePorts.udpRun(20);
        caller = new CallAudio(() -> TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP),
                new AudioSetup(() -> new ToneMicrophone(440), NoSpeaker::new, new RtpPortRange(base, base + 19),
                        "tone:440", "none", List.of()), MediaAddress.fixed(LOOPBACK), inputs::add);
        door = new CallAudio(() -> TestDevices.audio(Encryption.RTP_OPTIONAL_SRTP),
                new AudioSetup(() -> new ToneMicrophone(1000), NoSpeaker::new, new RtpPortRange(base + 20, base + 39),
                        "tone:1000", "none", List.of()), MediaAddress.fixed(LOOPBACK), inputs::add);
    }

    @AfterEach
    void close() {
        caller.close();
        door.close();
    }

    @Test
    void holdKeepsTheStreamAndStopsSending() {
        String callId = "incoming-hold";
        String offer = ((SdpOffer.Offer) caller.offer(callId)).sdp();
        String answer = answer(callId, offer);
        assertThat(caller.accepted(callId, answer)).isInstanceOf(RemoteAnswer.Usable.class);
        caller.start(callId, CallDirection.OUTGOING);
        door.start(callId, CallDirection.INCOMING);
        MediaSession session = door.session(callId).orElseThrow();
        await().atMost(Duration.ofSeconds(5)).until(() -> session.statistics().packetsSent() > 10);

        String hold = answer(callId, nextVersion(offer).replace("a=sendrecv", "a=sendonly"));

        assertThat(hold).contains("a=recvonly").contains(cryptoLine(answer));
        assertThat(door.session(callId)).containsSame(session);
        long sent = session.statistics().packetsSent();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> session.statistics().packetsSent() <= sent + 1);

        String resume = answer(callId, nextVersion(nextVersion(offer)));
        assertThat(resume).contains("a=sendrecv");
        await().atMost(Duration.ofSeconds(2)).until(() -> session.statistics().packetsSent() > sent + 10);
        assertThat(inputs).isEmpty();
    }

    /**
     * A desk that holds right after its ACK races the call logic's start (issue 11): the hold is
     * answered on the port already agreed, and the media then starts held, with the same key.
     */
    @Test
    void aHoldBeforeTheMediaStartsIsWhatTheMediaStartsWith() {
        String callId = "incoming-early-hold";
        String offer = ((SdpOffer.Offer) caller.offer(callId)).sdp();
        String answer = answer(callId, offer);
        assertThat(caller.accepted(callId, answer)).isInstanceOf(RemoteAnswer.Usable.class);

        String hold = answer(callId, nextVersion(offer).replace("a=sendrecv", "a=sendonly"));
        door.start(callId, CallDirection.INCOMING);

        assertThat(hold).contains("a=recvonly").contains(cryptoLine(answer)).contains(audioLine(answer));
        MediaSession session = door.session(callId).orElseThrow();
        assertThat(session.media().direction()).isEqualTo(rock.intercom.media.sdp.MediaDirection.RECVONLY);
        assertThat(hold).contains("m=audio " + session.localRtpPort() + " ");
        assertThat(inputs).isEmpty();
    }

    /** Hold by port 0 (RFC 3264 §8.2, issue 11): the stream rests and the call goes on; a resume revives it. */
    @Test
    void aReOfferTakingTheAudioAwayWithPortZeroRestsTheStreamUntilResumed() {
        String callId = "incoming-port-zero";
        String offer = ((SdpOffer.Offer) caller.offer(callId)).sdp();
        caller.accepted(callId, answer(callId, offer));
        caller.start(callId, CallDirection.OUTGOING);
        door.start(callId, CallDirection.INCOMING);
        MediaSession session = door.session(callId).orElseThrow();
        await().atMost(Duration.ofSeconds(5)).until(() -> session.statistics().packetsSent() > 10);

        String hold = answer(callId, nextVersion(offer).replaceAll("m=audio \\d+ ", "m=audio 0 "));

        assertThat(hold).contains("m=audio 0 ");
        assertThat(door.session(callId)).containsSame(session);
        long sent = session.statistics().packetsSent();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> session.statistics().packetsSent() <= sent + 1);

        String resume = answer(callId, nextVersion(nextVersion(offer)));
        assertThat(resume).contains("m=audio " + session.localRtpPort() + " ").contains("a=sendrecv");
        await().atMost(Duration.ofSeconds(2)).until(() -> session.statistics().packetsSent() > sent + 10);
        assertThat(inputs).isEmpty();
    }

    @Test
    void aCodecChangeMovesToANewStreamAndReleasesTheOldPorts() throws Exception {
        String callId = "incoming-codec";
        String offer = ((SdpOffer.Offer) caller.offer(callId)).sdp();
        caller.accepted(callId, answer(callId, offer));
        door.start(callId, CallDirection.INCOMING);
        MediaSession first = door.session(callId).orElseThrow();
        assertThat(first.media().codec()).isEqualTo(Codec.G722);
        int oldPort = first.localRtpPort();

        String pcmaOnly = nextVersion(offer).replaceAll("m=audio (\\d+) RTP/AVP [0-9 ]+", "m=audio $1 RTP/AVP 8 101");
        String answer = answer(callId, pcmaOnly);

        MediaSession second = door.session(callId).orElseThrow();
        assertThat(second).isNotSameAs(first);
        assertThat(second.media().codec()).isEqualTo(Codec.PCMA);
        assertThat(answer).contains("m=audio " + second.localRtpPort() + " RTP/AVP 8 101");
        try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(LOOPBACK, oldPort))) {
            assertThat(again.getLocalPort()).isEqualTo(oldPort);
        }
    }

    @Test
    void anUnusableReOfferIsRefusedAndTheCallGoesOn() {
        String callId = "incoming-refused";
        String offer = ((SdpOffer.Offer) caller.offer(callId)).sdp();
        caller.accepted(callId, answer(callId, offer));
        door.start(callId, CallDirection.INCOMING);
        MediaSession session = door.session(callId).orElseThrow();

        SdpAnswer refused = door.answer(callId, nextVersion(offer)
                .replaceAll("m=audio (\\d+) RTP/AVP [0-9 ]+", "m=audio $1 RTP/AVP 18"));

        assertThat(refused).isInstanceOf(SdpAnswer.Refusal.class);
        assertThat(((SdpAnswer.Refusal) refused).sipStatus()).isEqualTo(488);
        assertThat(door.session(callId)).containsSame(session);
        assertThat(door.mediaSecurity(callId)).contains("SRTP AES_CM_128_HMAC_SHA1_80");
    }

    private String answer(String callId, String offer) {
        SdpAnswer answer = door.answer(callId, offer);
        assertThat(answer).as("door's answer to%n%s", offer).isInstanceOf(SdpAnswer.Answer.class);
        return ((SdpAnswer.Answer) answer).sdp();
    }

    /** The same offer with the o= version incremented, as a re-INVITE carries it (RFC 3264 §8). */
    private static String nextVersion(String sdp) {
        String origin = sdp.lines().filter(l -> l.startsWith("o=")).findFirst().orElseThrow();
        String[] parts = origin.split(" ");
        parts[2] = Long.toString(Long.parseLong(parts[2]) + 1);
        return sdp.replace(origin, String.join(" ", parts));
    }

    private static String cryptoLine(String sdp) {
        return sdp.lines().filter(l -> l.startsWith("a=crypto:")).findFirst().orElseThrow();
    }

    private static String audioLine(String sdp) {
        return sdp.lines().filter(l -> l.startsWith("m=audio ")).findFirst().orElseThrow();
    }
}
