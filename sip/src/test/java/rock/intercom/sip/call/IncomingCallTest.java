package rock.intercom.sip.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rock.intercom.call.CallInput;
import rock.intercom.call.CallInput.IncomingAcknowledged;
import rock.intercom.call.CallInput.IncomingCancelled;
import rock.intercom.call.CallInput.IncomingInvite;
import rock.intercom.call.CallInput.MediaFailed;
import rock.intercom.call.CallInput.RemoteHangUp;
import rock.intercom.call.CallSignalling;
import rock.intercom.call.IncomingCallPolicy;
import rock.intercom.call.IncomingDecision;
import rock.intercom.call.InviteSource;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.sip.BranchCollisionValve;
import rock.intercom.settings.IncomingCallMode;
import rock.intercom.settings.Transport;
import rock.intercom.testkit.FreePorts;
import rock.intercom.testkit.Sipp;
import rock.intercom.testkit.TestDevices;

/**
 * Incoming calls (issue 5): SIPp callers reach the door through a real Kamailio (or straight at
 * its port), and the test plays the call driver: it decides with the real
 * {@link IncomingCallPolicy} and answers or rejects through {@link CallSignalling}. Asserted: the
 * responses SIPp demanded (its exit status) and the call inputs, in order.
 */
class IncomingCallTest {

    private static final Path DIR = Path.of("target", "call-tests", "incoming").toAbsolutePath();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ALLOWED = "555";
    private static final String STRANGER = "666";
    /** A user the server also routes to the door, as a misconfigured or scanned route would. */
    private static final String OTHER_USER = "999";
    private static final int DEVICE_PORT = FreePorts.tcpAndUdp();
    private static final String PCMA_ONLY = "v=0\no=caller 1 1 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\n"
            + "m=audio 6000 RTP/AVP 8\na=rtpmap:8 PCMA/8000";
    private static final String PCMU = PCMA_ONLY.replace("RTP/AVP 8", "RTP/AVP 0").replace("8 PCMA", "0 PCMU");

    private static CallServer server;

    private DeviceSettings settings;
    private DeviceStack device;
    private FixedPcmuSdp media;
    private CallDialogs dialogs;
    private CallSignalling signalling;
    private final CallInputRecorder inputs = new CallInputRecorder();

    @BeforeAll
    static void startServer() {
        // The door is a static route of the server, as if registered (registration is SipAgent's).
        server = CallServer.start(DIR.resolve("kamailio"), Map.of(),
                Map.of(TestDevices.LOCAL_EXTENSION, "sip:127.0.0.1:" + DEVICE_PORT, OTHER_USER, "sip:127.0.0.1:" + DEVICE_PORT));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void startDevice() throws Exception {
        settings = TestDevices.withIncoming(
                TestDevices.local(server.port(), Transport.UDP, TestDevices.LOCAL_PASSWORD),
                IncomingCallMode.EXTENSION_LIST, List.of("sip:" + ALLOWED + "@127.0.0.1"));
        device = new DeviceStack(settings, DEVICE_PORT);
        media = new FixedPcmuSdp();
        dialogs = new CallDialogs(device, media);
        device.attach(dialogs);
        signalling = dialogs.signalling();
        signalling.start(inputs);
        inputs.react(this::decideLikeTheDriver);
    }

    @AfterEach
    void stopDevice() {
        dialogs.close();
        device.close();
    }

    /** The call driver's part, reduced to the policy decision and the 488 on a refused offer. */
    private void decideLikeTheDriver(CallInput input) {
        if (input instanceof IncomingInvite invite) {
            IncomingDecision decision = IncomingCallPolicy.decide(settings, invite);
            if (decision instanceof IncomingDecision.Refuse refuse) {
                signalling.rejectIncoming(invite.callId(), refuse.sipStatus(), refuse.sipReasonPhrase());
            } else {
                signalling.answerIncoming(invite.callId());
            }
        } else if (input instanceof MediaFailed failed) {
            signalling.rejectIncoming(failed.callId(), 488, "Not Acceptable Here");
        }
    }

    @Test
    void allowedCallerThroughTheServerIsAnsweredAndHangsUp() {
        try (Sipp caller = Sipp.caller(DIR, "caller-hangs-up.xml", serverAddress(), TestDevices.LOCAL_EXTENSION,
                "caller", ALLOWED)) {
            assertThat(caller.awaitExit(WAIT)).as(caller.transcript()).isZero();

            await().atMost(WAIT).until(() -> inputs.all().stream().anyMatch(RemoteHangUp.class::isInstance));
            IncomingInvite invite = (IncomingInvite) inputs.all().get(0);
            assertThat(invite.callerUri()).isEqualTo("\"Caller 555\" <sip:555@127.0.0.1>");
            assertThat(invite.assertedIdentity()).isEqualTo("\"Lobby 555\" <sip:555@127.0.0.1>");
            assertThat(invite.targetUser()).isEqualTo(TestDevices.LOCAL_EXTENSION);
            assertThat(invite.source().address()).isEqualTo("127.0.0.1");
            assertThat(invite.source().port()).isEqualTo(server.port());
            assertThat(invite.source().viaServerConnection()).as("came from the configured server").isTrue();
            String callId = invite.callId();
            assertThat(inputs.all()).containsExactly(invite, new IncomingAcknowledged(callId, FixedPcmuSdp.PCMU), new RemoteHangUp(callId));
        }
    }

    @Test
    void hangUpBeforeTheAckWaitsForIt() {
        inputs.react(input -> {
            if (input instanceof IncomingInvite invite) {
                signalling.answerIncoming(invite.callId());
                signalling.sendBye(invite.callId());
            }
        });
        try (Sipp caller = Sipp.caller(DIR, "caller-acks-late.xml", serverAddress(), TestDevices.LOCAL_EXTENSION,
                "caller", ALLOWED)) {
            assertThat(caller.awaitExit(WAIT)).as(caller.transcript()).isZero();
            assertThat(inputs.all()).singleElement().isInstanceOf(IncomingInvite.class);
        }
    }

    @Test
    void inviteWithoutOfferGetsOurOfferAndTheAnswerComesInTheAck() {
        try (Sipp caller = Sipp.caller(DIR, "caller-late-offer.xml", serverAddress(), TestDevices.LOCAL_EXTENSION,
                "caller", ALLOWED)) {
            assertThat(caller.awaitExit(WAIT)).as(caller.transcript()).isZero();
            await().atMost(WAIT).until(() -> inputs.all().size() == 3);
            String callId = ((IncomingInvite) inputs.all().get(0)).callId();
            assertThat(inputs.all()).endsWith(new IncomingAcknowledged(callId, FixedPcmuSdp.PCMU), new RemoteHangUp(callId));
            assertThat(caller.messages()).contains("m=audio " + FixedPcmuSdp.AUDIO_PORT + " RTP/AVP 0");
        }
    }

    @Test
    void callerNotOnTheListIsRefusedWith403() {
        try (Sipp caller = Sipp.caller(DIR, "caller-refused.xml", serverAddress(), TestDevices.LOCAL_EXTENSION,
                "caller", STRANGER, "status", "403", "sdp", PCMU)) {
            assertThat(caller.awaitExit(WAIT)).as(caller.transcript()).isZero();
            assertThat(inputs.all()).singleElement().isInstanceOfSatisfying(IncomingInvite.class,
                    invite -> assertThat(invite.callerUri()).contains("sip:666@127.0.0.1"));
        }
    }

    /** Issue 11: a From naming an allowed caller is what anyone can write; only the server's word counts. */
    @Test
    void allowedCallerStraightToTheDoorIsRefusedWith403() {
        try (Sipp caller = Sipp.caller(DIR, "caller-refused.xml", deviceAddress(), TestDevices.LOCAL_EXTENSION,
                "caller", ALLOWED, "status", "403", "sdp", PCMU)) {
            assertThat(caller.awaitExit(WAIT)).as(caller.transcript()).isZero();
            IncomingInvite invite = (IncomingInvite) inputs.all().get(0);
            assertThat(invite.source()).isEqualTo(new InviteSource("127.0.0.1", caller.port(), false));
            assertThat(caller.messages()).as("no product internals in the reason phrase")
                    .contains("SIP/2.0 403 Forbidden");
        }
    }

    @Test
    void withDirectCallsAcceptedTheSameCallerStraightToTheDoorIsAnswered() {
        settings = TestDevices.withDirectCalls(settings);
        try (Sipp caller = Sipp.caller(DIR, "caller-hangs-up.xml", deviceAddress(), TestDevices.LOCAL_EXTENSION,
                "caller", ALLOWED)) {
            assertThat(caller.awaitExit(WAIT)).as(caller.transcript()).isZero();
            await().atMost(WAIT).until(() -> inputs.all().size() == 3);
            assertThat(inputs.all().get(2)).isInstanceOf(RemoteHangUp.class);
        }
    }

    /**
     * Issue 11: a scanner sweeping user names straight at the door gets the same answer for the
     * door's extension as for any other user, with direct calls accepted or not.
     */
    @ParameterizedTest(name = "user {0}, direct calls accepted: {1}")
    @CsvSource({"100, false", "999, false", "100, true", "999, true"})
    void strangersGetTheSameAnswerWhateverUserTheyAskFor(String user, boolean directCalls) {
        if (directCalls) {
            settings = TestDevices.withDirectCalls(settings);
        }
        try (Sipp caller = Sipp.caller(DIR, "caller-refused.xml", deviceAddress(), user,
                "caller", STRANGER, "status", "403", "sdp", PCMU)) {
            assertThat(caller.awaitExit(WAIT)).as(caller.transcript()).isZero();
            assertThat(caller.messages()).contains("SIP/2.0 403 Forbidden");
        }
    }

    @Test
    void serverManagedModeRefusesAnInviteThatBypassesTheServer() {
        settings = TestDevices.withIncoming(settings, IncomingCallMode.SIP_SERVER, List.of());
        try (Sipp caller = Sipp.caller(DIR, "caller-refused.xml", deviceAddress(), TestDevices.LOCAL_EXTENSION,
                "caller", ALLOWED, "status", "403", "sdp", PCMU)) {
            assertThat(caller.awaitExit(WAIT)).as(caller.transcript()).isZero();
            assertThat(inputs.all()).singleElement().isInstanceOfSatisfying(IncomingInvite.class,
                    invite -> assertThat(invite.source().viaServerConnection()).isFalse());
        }
    }

    @Test
    void serverManagedModeAnswersAnyCallerThatComesThroughTheServer() {
        settings = TestDevices.withIncoming(settings, IncomingCallMode.SIP_SERVER, List.of());
        try (Sipp caller = Sipp.caller(DIR, "caller-hangs-up.xml", serverAddress(), TestDevices.LOCAL_EXTENSION,
                "caller", STRANGER)) {
            assertThat(caller.awaitExit(WAIT)).as(caller.transcript()).isZero();
            await().atMost(WAIT).until(() -> inputs.all().size() == 3);
            assertThat(inputs.all().get(2)).isInstanceOf(RemoteHangUp.class);
        }
    }

    @Test
    void inviteForAnotherUserThroughTheServerIsRefusedWith404() {
        try (Sipp caller = Sipp.caller(DIR, "caller-refused.xml", serverAddress(), OTHER_USER,
                "caller", ALLOWED, "status", "404", "sdp", PCMU)) {
            assertThat(caller.awaitExit(WAIT)).as(caller.transcript()).isZero();
            assertThat(inputs.all()).singleElement().isInstanceOfSatisfying(IncomingInvite.class,
                    invite -> assertThat(invite.targetUser()).isEqualTo(OTHER_USER));
        }
    }

    /**
     * RFC 3261 §17.2.3: the same branch from another sent-by is another transaction. JAIN-SIP
     * cannot hold it next to the live one (here: an INVITE the driver has not decided yet), so the
     * door answers it statelessly — 500 with Retry-After, so the sender retries with a fresh
     * branch — where it used to stay silent; the answer reaches the sender at its packet's source
     * (§18.2.2), not at the Via's 192.0.2.1. The first INVITE is then cancelled.
     */
    @Test
    void inviteReusingALiveBranchFromAnotherSentByGetsItsOwnAnswer() {
        inputs.react(input -> { }); // nobody decides: the first INVITE stays live
        try (Sipp caller = Sipp.caller(DIR, "branch-collision.xml", deviceAddress(), TestDevices.LOCAL_EXTENSION,
                "caller", STRANGER)) {
            assertThat(caller.awaitExit(WAIT)).as(caller.transcript()).isZero();
            assertThat(caller.messages()).contains("Retry-After: " + BranchCollisionValve.RETRY_AFTER_SECONDS);
        }
        assertThat(inputs.all()).as("only the first INVITE became a call input (then its CANCEL)")
                .filteredOn(IncomingInvite.class::isInstance).hasSize(1);
    }

    /**
     * A refused INVITE's transaction is let go with its refusal (a stateless UAS, RFC 3261 §8.2.7):
     * a stranger who never ACKs gets one 403, not one every Timer G for 32 s (ten, to whatever
     * source the packet claimed), and holds no memory at the door.
     */
    @Test
    void aRefusalThatIsNeverAcknowledgedIsSentOnce() {
        try (Sipp stranger = Sipp.caller(DIR, "caller-refused-no-ack.xml", deviceAddress(),
                TestDevices.LOCAL_EXTENSION, "caller", STRANGER, "status", "403")) {
            assertThat(stranger.awaitExit(WAIT)).as(stranger.transcript()).isZero();
            assertThat(stranger.messages().split("SIP/2.0 403 Forbidden", -1)).as(stranger.messages()).hasSize(2);
        }
        // The stack sweeps a terminated transaction on its own timer (~6 s here); a kept one would
        // wait 32 s for the ACK (Timer H), 29.5 s past SIPp's end.
        await().atMost(Duration.ofSeconds(20)).until(() -> device.liveServerTransactions() == 0);
    }

    @Test
    void offerWithoutACommonCodecIsRefusedWith488() {
        settings = TestDevices.withDirectCalls(settings);
        try (Sipp caller = Sipp.caller(DIR, "caller-refused.xml", deviceAddress(), TestDevices.LOCAL_EXTENSION,
                "caller", ALLOWED, "status", "488", "sdp", PCMA_ONLY)) {
            assertThat(caller.awaitExit(WAIT)).as(caller.transcript()).isZero();
            String callId = inputs.all().get(0).getClass() == IncomingInvite.class
                    ? ((IncomingInvite) inputs.all().get(0)).callId() : null;
            assertThat(inputs.all()).hasSize(2).last()
                    .isEqualTo(new MediaFailed(callId, "no common audio codec (PCMU wanted)"));
        }
    }

    @Test
    void offerThatIsNotSdpIsRefusedWith400() {
        settings = TestDevices.withDirectCalls(settings);
        try (Sipp caller = Sipp.caller(DIR, "caller-refused.xml", deviceAddress(), TestDevices.LOCAL_EXTENSION,
                "caller", ALLOWED, "status", "400", "sdp", "this is not a session description")) {
            assertThat(caller.awaitExit(WAIT)).as(caller.transcript()).isZero();
            await().atMost(WAIT).until(() -> inputs.all().size() == 2);
            assertThat(inputs.all().get(1)).isInstanceOf(MediaFailed.class);
        }
        assertStillAnswersOptions();
    }

    @Test
    void malformedInviteGets400AndTheDoorStaysHealthy() {
        try (Sipp caller = Sipp.caller(DIR, "caller-malformed.xml", deviceAddress(), TestDevices.LOCAL_EXTENSION)) {
            assertThat(caller.awaitExit(WAIT)).as(caller.transcript()).isZero();
        }
        assertThat(inputs.all()).isEmpty();
        assertStillAnswersOptions();
    }

    @Test
    void callerCancelsBeforeTheAnswer() {
        inputs.react(input -> { });
        try (Sipp caller = Sipp.caller(DIR, "caller-cancels.xml", serverAddress(), TestDevices.LOCAL_EXTENSION,
                "caller", ALLOWED)) {
            assertThat(caller.awaitExit(WAIT)).as(caller.transcript()).isZero();
            await().atMost(WAIT).until(() -> inputs.all().size() == 2);
            String callId = ((IncomingInvite) inputs.all().get(0)).callId();
            assertThat(inputs.all().get(1)).isEqualTo(new IncomingCancelled(callId));
        }
    }

    @Test
    void holdAndResumeReInvitesAreAnsweredInTheDialog() {
        try (Sipp caller = Sipp.caller(DIR, "caller-holds.xml", serverAddress(), TestDevices.LOCAL_EXTENSION,
                "caller", ALLOWED)) {
            assertThat(caller.awaitExit(WAIT)).as(caller.transcript()).isZero();
            await().atMost(WAIT).until(() -> inputs.all().size() == 3);
            String callId = ((IncomingInvite) inputs.all().get(0)).callId();
            assertThat(inputs.all()).endsWith(new IncomingAcknowledged(callId, FixedPcmuSdp.PCMU), new RemoteHangUp(callId));
        }
    }

    /**
     * Keys pressed by SIP INFO during the call (issue 6): both dtmf formats are answered 200 and
     * reach the call's media in order; other bodies get 415 or 400, an INFO outside the dialog 481
     * (SIPp checks each status), and none of it is a call input.
     */
    @Test
    void dtmfInSipInfoReachesTheCallsMedia() {
        settings = TestDevices.withDirectCalls(settings);
        try (Sipp caller = Sipp.caller(DIR, "caller-sends-info.xml", deviceAddress(),
                TestDevices.LOCAL_EXTENSION, "caller", ALLOWED)) {
            assertThat(caller.awaitExit(WAIT)).as(caller.transcript()).isZero();
            await().atMost(WAIT).until(() -> inputs.all().size() == 3);
            String callId = ((IncomingInvite) inputs.all().get(0)).callId();
            assertThat(inputs.all()).endsWith(new IncomingAcknowledged(callId, FixedPcmuSdp.PCMU), new RemoteHangUp(callId));
            assertThat(media.infoDigits).containsExactly(callId + ":5", callId + ":#");
        }
        try (Sipp stranger = Sipp.caller(DIR, "info-outside-dialog.xml", deviceAddress(),
                TestDevices.LOCAL_EXTENSION)) {
            assertThat(stranger.awaitExit(WAIT)).as(stranger.transcript()).isZero();
        }
        assertThat(media.infoDigits).hasSize(2);
    }

    private void assertStillAnswersOptions() {
        try (Sipp probe = Sipp.caller(DIR, "options.xml", deviceAddress(), TestDevices.LOCAL_EXTENSION)) {
            assertThat(probe.awaitExit(WAIT)).as(probe.transcript()).isZero();
        }
    }

    @Test
    void optionsListsTheCallMethods() {
        assertStillAnswersOptions();
    }

    private static String serverAddress() {
        return "127.0.0.1:" + server.port();
    }

    private static String deviceAddress() {
        return "127.0.0.1:" + DEVICE_PORT;
    }
}
