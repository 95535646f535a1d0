package rock.intercom.sip.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rock.intercom.call.CallCommand.SendInvite;
import rock.intercom.call.CallInput;
import rock.intercom.call.CallInput.Answered;
import rock.intercom.call.CallInput.IncomingAcknowledged;
import rock.intercom.call.CallInput.IncomingInvite;
import rock.intercom.call.CallInput.RemoteHangUp;
import rock.intercom.call.CallSignalling;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.IncomingCallMode;
import rock.intercom.settings.Transport;
import rock.intercom.sip.RegistrationState;
import rock.intercom.sip.SipAgent;
import rock.intercom.sip.SipAgentOptions;
import rock.intercom.testkit.Sipp;
import rock.intercom.testkit.Baresip;
import rock.intercom.testkit.TestDevices;

/**
 * The call dialogs wired to the real {@link SipAgent} as in the device: the agent registers
 * extension 100 with Kamailio (its stack, Contact and digest are the ones calls use), a baresip
 * station registered as 400 answers the door's call automatically, and a SIPp caller reaches the
 * door through the server by its registration alone.
 */
class AgentCallTest {

    private static final Path DIR = Path.of("target", "call-tests", "agent").toAbsolutePath();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String STATION_PASSWORD = "station-secret-400";

    private static CallServer server;
    private static SipAgent agent;
    private static CallDialogs dialogs;
    private static CallSignalling signalling;
    private static DeviceSettings settings;
    private static final CallInputRecorder INPUTS = new CallInputRecorder();

    @BeforeAll
    static void startServerAndDevice() {
        server = CallServer.start(DIR.resolve("kamailio"),
                Map.of(TestDevices.LOCAL_EXTENSION, TestDevices.LOCAL_PASSWORD, "400", STATION_PASSWORD), Map.of());
        settings = TestDevices.withIncoming(
                TestDevices.local(server.port(), Transport.UDP, TestDevices.LOCAL_PASSWORD),
                IncomingCallMode.SIP_SERVER, List.of());
        agent = new SipAgent(SipAgentOptions.onPort(0));
        dialogs = CallDialogs.attachTo(agent, new FixedPcmuSdp());
        signalling = dialogs.signalling();
        signalling.start(INPUTS);
        agent.start(settings);
        await().atMost(WAIT).until(() -> agent.registrationStatus().state() == RegistrationState.REGISTERED);
    }

    @AfterAll
    static void stopAll() {
        if (agent != null) {
            agent.close();
        }
        if (dialogs != null) {
            dialogs.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void answerLikeTheDriver() {
        INPUTS.react(input -> {
            if (input instanceof Answered answered) {
                signalling.sendAck(answered.callId());
            } else if (input instanceof IncomingInvite invite) {
                signalling.answerIncoming(invite.callId());
            }
        });
    }

    @Test
    void baresipStationAnswersTheDoorsCallAndTheDoorHangsUp() {
        try (Baresip station = Baresip.registered(DIR.resolve("baresip-400"), "400", STATION_PASSWORD,
                server.port())) {
            String callId = UUID.randomUUID() + "@door.test";
            signalling.sendInvite(new SendInvite(callId, "400", 1, 1));
            await().atMost(WAIT).until(() -> INPUTS.of(callId).contains(new Answered(callId, FixedPcmuSdp.PCMU)));
            await().atMost(WAIT).until(() -> station.log().contains("Call established: sip:100@127.0.0.1"));

            signalling.sendBye(callId);

            await().atMost(WAIT).until(() -> station.log().contains("session closed"));
            // Provisionals may be dropped or overtaken (the stack's receive workers run in parallel, and baresip
            // answers at once): what is fixed is one Answered and nothing but provisionals besides.
            assertThat(INPUTS.of(callId)).filteredOn(input -> !(input instanceof CallInput.Provisional))
                    .containsExactly(new Answered(callId, FixedPcmuSdp.PCMU));
            assertThat(INPUTS.of(callId)).doesNotHaveDuplicates();
            assertThat(server.requests()).anyMatch(line -> line.contains("REQ BYE sip:400-"));
        }
    }

    @Test
    void baresipCallsTheDoorAndHangsUp() {
        try (Baresip station = Baresip.registered(DIR.resolve("baresip-400-calling"), "400",
                STATION_PASSWORD, server.port(), 4, "/dial sip:100@127.0.0.1:" + server.port())) {
            await().atMost(WAIT).until(() -> INPUTS.all().stream().anyMatch(input -> input instanceof RemoteHangUp
                    && INPUTS.of(((RemoteHangUp) input).callId()).get(0) instanceof IncomingInvite invite
                    && invite.callerUri().contains("sip:400@")));
            IncomingInvite invite = INPUTS.all().stream().filter(IncomingInvite.class::isInstance)
                    .map(IncomingInvite.class::cast).filter(i -> i.callerUri().contains("sip:400@"))
                    .findFirst().orElseThrow();
            assertThat(invite.source().viaServerConnection()).isTrue();
            assertThat(INPUTS.of(invite.callId())).containsExactly(invite,
                    new IncomingAcknowledged(invite.callId(), FixedPcmuSdp.PCMU), new RemoteHangUp(invite.callId()));
            assertThat(station.log()).contains("Call established");
        }
    }

    @Test
    void callerReachesTheRegisteredDoorThroughTheServer() {
        try (Sipp caller = Sipp.caller(DIR, "caller-hangs-up.xml", "127.0.0.1:" + server.port(),
                TestDevices.LOCAL_EXTENSION, "caller", "555")) {
            assertThat(caller.awaitExit(WAIT)).as(caller.transcript()).isZero();
            await().atMost(WAIT).until(() -> INPUTS.all().stream().anyMatch(RemoteHangUp.class::isInstance));
            IncomingInvite invite = INPUTS.all().stream().filter(IncomingInvite.class::isInstance)
                    .map(IncomingInvite.class::cast).filter(i -> i.callerUri().contains("sip:555@"))
                    .findFirst().orElseThrow();
            assertThat(invite.source().viaServerConnection()).as("arrived from the registrar").isTrue();
            assertThat(INPUTS.of(invite.callId())).containsExactly(invite,
                    new IncomingAcknowledged(invite.callId(), FixedPcmuSdp.PCMU), new RemoteHangUp(invite.callId()));
        }
    }
}
