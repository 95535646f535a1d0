package rock.intercom.sip.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rock.intercom.call.CallCommand.SendInvite;
import rock.intercom.call.CallInput;
import rock.intercom.call.CallInput.Answered;
import rock.intercom.call.CallInput.Provisional;
import rock.intercom.call.CallInput.Rejected;
import rock.intercom.call.CallInput.RemoteHangUp;
import rock.intercom.call.CallInput.TransportFailed;
import rock.intercom.call.CallSignalling;
import rock.intercom.settings.Proxy;
import rock.intercom.settings.Transport;
import rock.intercom.testkit.FreePorts;
import rock.intercom.testkit.KamailioServer;
import rock.intercom.testkit.Sipp;
import rock.intercom.testkit.TestDevices;

/**
 * Outgoing calls (issue 4) from the device's JAIN-SIP stack through a real Kamailio to SIPp
 * stations: the INVITE answers Kamailio's 407, and each station's behaviour arrives as the exact
 * sequence of call inputs. Kamailio starts once for the class; each SIPp station once per test.
 */
class OutgoingCallTest {

    private static final Path DIR = Path.of("target", "call-tests", "outgoing").toAbsolutePath();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int ANSWER_PORT = FreePorts.tcpAndUdp();
    private static final int BUSY_PORT = FreePorts.tcpAndUdp();
    private static final int DECLINE_PORT = FreePorts.tcpAndUdp();
    private static final int RING_PORT = FreePorts.tcpAndUdp();
    private static final int SAVP_PORT = FreePorts.tcpAndUdp();
    private static final int EARLY_PORT = FreePorts.tcpAndUdp();

    private static CallServer server;

    private DeviceStack device;
    private CallDialogs dialogs;
    private CallSignalling signalling;
    private FixedPcmuSdp media;
    private final CallInputRecorder inputs = new CallInputRecorder();

    @BeforeAll
    static void startServer() {
        server = CallServer.start(DIR.resolve("kamailio"), Map.of(TestDevices.LOCAL_EXTENSION, TestDevices.LOCAL_PASSWORD),
                Map.of("2001", "sip:127.0.0.1:" + ANSWER_PORT, "2002", "sip:127.0.0.1:" + BUSY_PORT,
                        "2003", "sip:127.0.0.1:" + DECLINE_PORT, "2004", "sip:127.0.0.1:" + RING_PORT,
                        "2005", "sip:127.0.0.1:" + SAVP_PORT, "2006", "sip:127.0.0.1:" + EARLY_PORT));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void startDevice() throws Exception {
        device = new DeviceStack(TestDevices.local(server.port(), Transport.UDP, TestDevices.LOCAL_PASSWORD));
        media = new FixedPcmuSdp();
        dialogs = new CallDialogs(device, media);
        device.attach(dialogs);
        signalling = dialogs.signalling();
        signalling.start(inputs);
    }

    @AfterEach
    void stopDevice() {
        dialogs.close();
        device.close();
    }

    @Test
    void answeredCallIsAcknowledgedAndEndsWithTheStationsBye() {
        try (Sipp station = Sipp.station(DIR, "station-answer-then-bye.xml", ANSWER_PORT)) {
            long invitesBefore = invitesTo("2001");
            String callId = newCallId();
            inputs.react(input -> {
                if (input instanceof Answered answered) {
                    signalling.sendAck(answered.callId());
                }
            });
            signalling.sendInvite(new SendInvite(callId, "2001", 1, 1));

            await().atMost(WAIT).until(() -> inputs.of(callId).contains(new RemoteHangUp(callId)));
            assertThat(withoutTrying(inputs.of(callId)))
                    .endsWith(new Answered(callId, FixedPcmuSdp.PCMU), new RemoteHangUp(callId)).doesNotHaveDuplicates();
            assertThat(station.awaitExit(WAIT)).as(station.transcript()).isZero();
            assertThat(invitesTo("2001") - invitesBefore).as("challenged INVITE and its authorised retry").isEqualTo(2);
        }
    }

    /**
     * RFC 3960 gateway model: the 183's SDP is applied as the answer before the Provisional is
     * posted, so it carries the early media; the 200 repeating that answer agrees the same media.
     */
    @Test
    void sessionProgressWithSdpCarriesTheEarlyMedia() {
        try (Sipp station = Sipp.station(DIR, "station-early-media.xml", EARLY_PORT, "rtpport", "40002",
                "early", "300", "talk", "300")) {
            String callId = newCallId();
            inputs.react(input -> {
                if (input instanceof Answered answered) {
                    signalling.sendAck(answered.callId());
                }
            });
            signalling.sendInvite(new SendInvite(callId, "2006", 1, 1));

            await().atMost(WAIT).until(() -> inputs.of(callId).contains(new RemoteHangUp(callId)));
            assertThat(withoutTrying(inputs.of(callId))).containsExactly(new Provisional(callId, 183, FixedPcmuSdp.PCMU),
                    new Answered(callId, FixedPcmuSdp.PCMU), new RemoteHangUp(callId));
            assertThat(station.awaitExit(WAIT)).as(station.transcript()).isZero();
        }
    }

    /** Without an RTP port no INVITE leaves, and the call logic hears it once, as one TransportFailed. */
    @Test
    void withoutAnOfferNoInviteLeavesAndTheFailureIsReportedOnce() throws Exception {
        media.noRtpPort = true;
        long invitesBefore = invitesTo("2001");
        String callId = newCallId();
        signalling.sendInvite(new SendInvite(callId, "2001", 1, 1));

        await().atMost(WAIT).until(() -> !inputs.of(callId).isEmpty());
        Thread.sleep(200); // a second report would follow at once, on the same dialogs thread
        assertThat(inputs.of(callId)).containsExactly(
                new TransportFailed(callId, "no RTP port for the call: no free RTP port pair"));
        assertThat(invitesTo("2001") - invitesBefore).isZero();
    }

    /**
     * Issue 6's optional door vs SRTP-only station: the 488 to our best-effort offer is not the
     * end; the INVITE goes again (same Call-ID and From tag, next CSeq, new branch) with the
     * media side's RTP/SAVP offer, and the call logic sees one attempt that is answered.
     */
    @Test
    void offerRefusedWith488IsRetriedOnceInTheSameAttempt() {
        try (Sipp station = Sipp.station(DIR, "station-wants-savp.xml", SAVP_PORT)) {
            String callId = newCallId();
            inputs.react(input -> {
                if (input instanceof Answered answered) {
                    signalling.sendAck(answered.callId());
                }
            });
            signalling.sendInvite(new SendInvite(callId, "2005", 1, 1));

            await().atMost(WAIT).until(() -> inputs.of(callId).contains(new RemoteHangUp(callId)));
            assertThat(station.awaitExit(WAIT)).as(station.transcript()).isZero();
            // The 180 and 200 leave SIPp back to back; a 180 handled after the 200 is dropped (by design).
            assertThat(withoutTrying(inputs.of(callId))).filteredOn(input -> !(input instanceof Provisional))
                    .containsExactly(new Answered(callId, FixedPcmuSdp.PCMU), new RemoteHangUp(callId));
            assertThat(inputs.of(callId)).as("one 100 Trying for the attempt")
                    .filteredOn(new Provisional(callId, 100)::equals).hasSizeLessThanOrEqualTo(1);
            List<String> invites = station.messages().lines().filter(l -> l.startsWith("INVITE ")).toList();
            List<String> cseqs = header(station.messages(), "CSeq:");
            List<String> branches = header(station.messages(), "Via:").stream()
                    .filter(v -> v.contains("127.0.0.1:" + device.port())).toList();
            assertThat(invites).as(station.messages()).hasSize(2);
            assertThat(cseqs.stream().filter(c -> c.endsWith(" INVITE")).distinct().toList()).as("CSeq of the INVITEs")
                    .hasSize(2);
            assertThat(branches.stream().distinct().count()).as("device Via branches").isGreaterThanOrEqualTo(2);
            assertThat(header(station.messages(), "Call-ID:").stream().distinct()).hasSize(1);
        }
    }

    /**
     * Issue 12's press rehearsal: the INVITE a press would send to the Call Number is built and
     * encoded with the offer, and nothing reaches the server; a real INVITE after it still goes.
     */
    @Test
    void rehearsedInviteIsBuiltButNeverSent() throws Exception {
        String offer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 9 RTP/AVP 0\r\n";
        long before = invitesTo("2001");

        for (int i = 0; i < 3; i++) {
            assertThat(dialogs.rehearseInvite(offer)).as("encoded INVITE with the offer").isGreaterThan(offer.length());
        }
        Thread.sleep(300); // a sent INVITE would reach Kamailio's log at once
        assertThat(invitesTo("2001") - before).isZero();

        String callId = newCallId();
        signalling.sendInvite(new SendInvite(callId, "2001", 1, 1));
        await().atMost(WAIT).until(() -> invitesTo("2001") > before);
    }

    /** The values of a header in SIPp's message log, in order. */
    private static List<String> header(String messages, String name) {
        return messages.lines().filter(l -> l.regionMatches(true, 0, name, 0, name.length()))
                .map(l -> l.substring(name.length()).strip()).toList();
    }

    @Test
    void deviceHangsUpAnAnsweredCallWithBye() {
        try (Sipp station = Sipp.station(DIR, "station-answered-by-device-bye.xml", ANSWER_PORT)) {
            String callId = newCallId();
            inputs.react(input -> {
                if (input instanceof Answered answered) {
                    signalling.sendAck(answered.callId());
                    signalling.sendBye(answered.callId());
                }
            });
            signalling.sendInvite(new SendInvite(callId, "2001", 1, 1));

            assertThat(station.awaitExit(WAIT)).as(station.transcript()).isZero();
            // A 180 overtaken by the 200 on UDP is dropped, never reported after the answer.
            assertThat(withoutTrying(inputs.of(callId))).endsWith(new Answered(callId, FixedPcmuSdp.PCMU))
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void busyStationRejectsWith486() {
        try (Sipp station = Sipp.station(DIR, "station-final.xml", BUSY_PORT, "status", "486",
                "reason", "Busy Here")) {
            String callId = newCallId();
            signalling.sendInvite(new SendInvite(callId, "2002", 1, 2));

            await().atMost(WAIT).until(() -> last(callId) instanceof Rejected);
            assertThat(withoutTrying(inputs.of(callId))).containsExactly(new Rejected(callId, 486, "Busy Here"));
            assertThat(station.awaitExit(WAIT)).as(station.transcript()).isZero();
        }
    }

    @Test
    void decliningStationRejectsWith603() {
        try (Sipp station = Sipp.station(DIR, "station-final.xml", DECLINE_PORT, "status", "603",
                "reason", "Decline")) {
            String callId = newCallId();
            signalling.sendInvite(new SendInvite(callId, "2003", 2, 2));

            await().atMost(WAIT).until(() -> last(callId) instanceof Rejected);
            assertThat(withoutTrying(inputs.of(callId))).containsExactly(new Rejected(callId, 603, "Decline"));
            assertThat(station.awaitExit(WAIT)).as(station.transcript()).isZero();
        }
    }

    @Test
    void ringingStationIsCancelledAfterTheCallTimeout() {
        try (Sipp station = Sipp.station(DIR, "station-ring-forever.xml", RING_PORT)) {
            String callId = newCallId();
            signalling.sendInvite(new SendInvite(callId, "2004", 1, 1));
            await().atMost(WAIT).until(() -> inputs.of(callId).contains(new Provisional(callId, 180)));

            // The call driver's call timeout expired: it cancels.
            signalling.sendCancel(callId);

            await().atMost(WAIT).until(() -> last(callId) instanceof Rejected);
            assertThat(withoutTrying(inputs.of(callId))).containsExactly(new Provisional(callId, 180),
                    new Rejected(callId, 487, "Request Terminated"));
            assertThat(station.awaitExit(WAIT)).as(station.transcript()).isZero();
        }
    }

    @Test
    void cancelBeforeAnyProvisionalIsHeldUntilOneArrives() {
        // A caller the server does not challenge, so the first response is the provisional.
        device.settings(TestDevices.withExtension(device.settings(), "150"));
        try (Sipp station = Sipp.station(DIR, "station-ring-forever.xml", RING_PORT)) {
            String callId = newCallId();
            signalling.sendInvite(new SendInvite(callId, "2004", 1, 1));
            signalling.sendCancel(callId);

            await().atMost(WAIT).until(() -> last(callId) instanceof Rejected);
            // 487 from the station ("Request Terminated") or, when the CANCEL overtakes the station's
            // first answer at Kamailio, from Kamailio itself ("Request canceled"): the phrase is theirs.
            assertThat(last(callId)).isInstanceOfSatisfying(Rejected.class,
                    rejected -> assertThat(rejected.sipStatus()).isEqualTo(487));
            assertThat(station.awaitExit(WAIT)).as(station.transcript()).isZero();
        }
    }

    @Test
    void callThroughTheOutboundProxyAnswersItsChallengeWithTheProxyCredentials() {
        try (KamailioServer proxy = KamailioServer.outboundProxy(DIR.resolve("proxy"), "door-proxy", "proxy-secret")
                .start(); Sipp station = Sipp.station(DIR, "station-answered-by-device-bye.xml", ANSWER_PORT)) {
            // Extension 150 is not a server user: the only challenge is the proxy's.
            device.settings(TestDevices.withProxy(TestDevices.withExtension(device.settings(), "150"),
                    new Proxy(true, "127.0.0.1", proxy.udpPort(), "door-proxy", "proxy-secret")));
            String callId = newCallId();
            inputs.react(input -> {
                if (input instanceof Answered answered) {
                    signalling.sendAck(answered.callId());
                    signalling.sendBye(answered.callId());
                }
            });
            signalling.sendInvite(new SendInvite(callId, "2001", 1, 1));

            assertThat(station.awaitExit(WAIT)).as(station.transcript()).isZero();
            assertThat(withoutTrying(inputs.of(callId))).endsWith(new Answered(callId, FixedPcmuSdp.PCMU));
            assertThat(proxy.receivedCount("INVITE")).as("challenged INVITE and its authorised retry").isEqualTo(2);
        }
    }

    @Test
    void wrongPasswordEndsInRejectedAfterOneAnsweredChallenge() {
        device.settings(TestDevices.local(server.port(), Transport.UDP, "not-the-password"));
        long challengesBefore = challenges();
        String callId = newCallId();
        signalling.sendInvite(new SendInvite(callId, "2002", 1, 1));

        await().atMost(WAIT).until(() -> last(callId) instanceof Rejected);
        assertThat(inputs.of(callId)).singleElement().isInstanceOfSatisfying(Rejected.class,
                rejected -> assertThat(rejected.sipStatus()).isEqualTo(407));
        assertThat(challenges() - challengesBefore).as("the first and the refused answer").isEqualTo(2);
    }

    @Test
    void unreachableServerIsATransportFailure() {
        int closed = FreePorts.tcpAndUdp();
        device.settings(TestDevices.local(closed, Transport.TCP, TestDevices.LOCAL_PASSWORD));
        String callId = newCallId();
        signalling.sendInvite(new SendInvite(callId, "2001", 1, 1));

        await().atMost(WAIT).until(() -> !inputs.of(callId).isEmpty());
        assertThat(inputs.of(callId)).singleElement().isInstanceOf(CallInput.TransportFailed.class);
    }

    @Test
    void serverThatNeverAnswersEndsInNoResponseAfterTimerB() throws Exception {
        int silent = FreePorts.tcpAndUdp();
        try (DeviceStack quickDevice = new DeviceStack(TestDevices.local(silent, Transport.UDP,
                TestDevices.LOCAL_PASSWORD)); CallDialogs quick = new CallDialogs(quickDevice, new FixedPcmuSdp(), 50)) {
            quickDevice.attach(quick);
            CallInputRecorder quickInputs = new CallInputRecorder();
            quick.signalling().start(quickInputs);
            String callId = newCallId();
            quick.signalling().sendInvite(new SendInvite(callId, "2001", 1, 1));

            // Timer B = 64 × T1 = 3.2 s with the test's T1 of 50 ms.
            await().atMost(WAIT).until(() -> !quickInputs.of(callId).isEmpty());
            assertThat(quickInputs.of(callId)).containsExactly(new CallInput.NoResponse(callId));
        }
    }

    private static long invitesTo(String number) {
        return server.requests().stream().filter(line -> line.contains("REQ INVITE sip:" + number + "@")).count();
    }

    private static long challenges() {
        return server.log().lines().filter(line -> line.contains("CHALLENGE INVITE")).count();
    }

    /** The inputs without 100 Trying: hop-by-hop, and over UDP it may be overtaken by a 180. */
    private static List<CallInput> withoutTrying(List<CallInput> inputs) {
        return inputs.stream().filter(input -> !(input instanceof Provisional p && p.sipStatus() == 100)).toList();
    }

    private CallInput last(String callId) {
        List<CallInput> of = inputs.of(callId);
        return of.isEmpty() ? null : of.get(of.size() - 1);
    }

    private static String newCallId() {
        return UUID.randomUUID() + "@door.test";
    }
}
