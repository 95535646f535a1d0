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
import org.junit.jupiter.api.Test;
import rock.intercom.call.CallCommand.SendInvite;
import rock.intercom.call.CallInput.Answered;
import rock.intercom.call.CallInput.IncomingAcknowledged;
import rock.intercom.call.CallInput.IncomingInvite;
import rock.intercom.call.CallInput.RemoteHangUp;
import rock.intercom.call.CallSignalling;
import rock.intercom.call.IncomingCallPolicy;
import rock.intercom.call.IncomingDecision;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.IncomingCallMode;
import rock.intercom.settings.Transport;
import rock.intercom.sip.RegistrationState;
import rock.intercom.sip.SipAgent;
import rock.intercom.sip.SipAgentOptions;
import rock.intercom.testkit.FreePorts;
import rock.intercom.testkit.Sipp;
import rock.intercom.testkit.TestDevices;

/**
 * Calls over TCP with the real {@link SipAgent}: the INVITE and its dialog travel on the agent's
 * TCP binding, and in SIP_SERVER mode an INVITE the server sends over TCP (from one of its
 * ephemeral ports) counts as coming from the server and is answered.
 */
class AgentTcpCallTest {

    private static final Path DIR = Path.of("target", "call-tests", "agent-tcp").toAbsolutePath();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int ANSWER_PORT = FreePorts.tcpAndUdp();

    private static CallServer server;
    private static SipAgent agent;
    private static CallDialogs dialogs;
    private static CallSignalling signalling;
    private static DeviceSettings settings;
    private static final CallInputRecorder INPUTS = new CallInputRecorder();

    @BeforeAll
    static void startServerAndDevice() {
        server = CallServer.start(DIR.resolve("kamailio"), Map.of(TestDevices.LOCAL_EXTENSION, TestDevices.LOCAL_PASSWORD),
                Map.of("2001", "sip:127.0.0.1:" + ANSWER_PORT));
        settings = TestDevices.withIncoming(
                TestDevices.local(server.port(), Transport.TCP, TestDevices.LOCAL_PASSWORD),
                IncomingCallMode.SIP_SERVER, List.of());
        agent = new SipAgent(SipAgentOptions.onPort(0));
        dialogs = CallDialogs.attachTo(agent, new FixedPcmuSdp());
        signalling = dialogs.signalling();
        signalling.start(INPUTS);
        INPUTS.react(input -> {
            if (input instanceof Answered answered) {
                signalling.sendAck(answered.callId());
            } else if (input instanceof IncomingInvite invite) {
                if (IncomingCallPolicy.decide(settings, invite) instanceof IncomingDecision.Refuse refuse) {
                    signalling.rejectIncoming(invite.callId(), refuse.sipStatus(), refuse.sipReasonPhrase());
                } else {
                    signalling.answerIncoming(invite.callId());
                }
            }
        });
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

    @Test
    void answeredCallOverTcpEndsWithTheStationsBye() {
        try (Sipp station = Sipp.station(DIR, "station-answer-then-bye.xml", ANSWER_PORT)) {
            String callId = UUID.randomUUID() + "@door.test";
            signalling.sendInvite(new SendInvite(callId, "2001", 1, 1));

            assertThat(station.awaitExit(WAIT)).as(station.transcript()).isZero();
            await().atMost(WAIT).until(() -> INPUTS.of(callId).contains(new RemoteHangUp(callId)));
            assertThat(INPUTS.of(callId)).endsWith(new Answered(callId, FixedPcmuSdp.PCMU), new RemoteHangUp(callId));
            assertThat(server.requests()).anyMatch(line -> line.contains("REQ INVITE sip:2001@") && line.contains("tcp"));
        }
    }

    @Test
    void serverSendsTheCallOverTcpAndTheDoorAnswers() {
        try (Sipp caller = Sipp.caller(DIR, "caller-hangs-up.xml", "127.0.0.1:" + server.port(),
                TestDevices.LOCAL_EXTENSION, "caller", "555")) {
            assertThat(caller.awaitExit(WAIT)).as(caller.transcript()).isZero();
            await().atMost(WAIT).until(() -> INPUTS.all().stream().anyMatch(input -> input instanceof RemoteHangUp hangUp
                    && INPUTS.of(hangUp.callId()).get(0) instanceof IncomingInvite));
            IncomingInvite invite = INPUTS.all().stream().filter(IncomingInvite.class::isInstance)
                    .map(IncomingInvite.class::cast).findFirst().orElseThrow();
            assertThat(invite.source().viaServerConnection()).isTrue();
            assertThat(INPUTS.of(invite.callId())).containsExactly(invite, new IncomingAcknowledged(invite.callId(), FixedPcmuSdp.PCMU),
                    new RemoteHangUp(invite.callId()));
        }
    }
}
