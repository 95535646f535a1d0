package rock.intercom.call;

import static org.assertj.core.api.Assertions.assertThat;
import static rock.intercom.call.Script.PRESS;
import static rock.intercom.call.Script.answered;
import static rock.intercom.call.Script.event;
import static rock.intercom.call.Script.in;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import rock.intercom.call.CallCommand.AnswerIncoming;
import rock.intercom.call.CallCommand.CancelTimer;
import rock.intercom.call.CallCommand.RejectIncoming;
import rock.intercom.call.CallCommand.SendBye;
import rock.intercom.call.CallCommand.ShowScreen;
import rock.intercom.call.CallCommand.StartMedia;
import rock.intercom.call.CallCommand.StartTimer;
import rock.intercom.call.CallCommand.StopMedia;
import rock.intercom.events.SecurityEventName;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.IncomingCallMode;
import rock.intercom.settings.IncomingCalls;
import rock.intercom.testkit.TestDevices;

/** The incoming rows of the guide's events table (issue 5), from idle, answered immediately. */
class IncomingCallTest {

    static final String CALLER = "sip:200@10.0.0.5";

    static DeviceSettings allowing() {
        return TestDevices.incoming(new IncomingCalls(true, IncomingCallMode.EXTENSION_LIST, List.of(CALLER)), Map.of());
    }

    static CallInput inviteFrom(String callId, String from) {
        return new CallInput.IncomingInvite(callId, from, null, InviteSource.viaServer("10.0.0.5", 5060), "100");
    }

    record Row(String name, List<CallInput> inputs, List<CallCommand> lastCommands, Class<? extends CallState> state) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final ShowScreen IDLE = new ShowScreen(ScreenState.IDLE);
    private static final ShowScreen INCOMING = new ShowScreen(new ScreenState(ScreenKind.INCOMING, CALLER));
    private static final List<CallCommand> SHOW_FAILED = List.of(
            new CallCommand.PlayTone(ProgressTone.BUSY, Duration.ofSeconds(3)),
            new StartTimer(Script.screenTimer(), Duration.ofSeconds(5)), new ShowScreen(ScreenState.CALL_FAILED));
    private static final CallInput INVITE = inviteFrom("in-1", "\"Guard\" <sip:200@10.0.0.5>");
    private static final CallInput ACK = new CallInput.IncomingAcknowledged("in-1");

    static Stream<Row> rows() {
        return Stream.of(
                new Row("allowed caller is answered at once", List.of(INVITE),
                        List.of(new AnswerIncoming("in-1"), INCOMING), CallState.Answering.class),
                new Row("allowed caller while Call failed shows: the busy tone stops, then answered",
                        List.of(PRESS, Script.rejected("call-1", 486, "Busy Here"), INVITE),
                        List.of(new CancelTimer(Script.screenTimer()), new CallCommand.StopTone(),
                                new AnswerIncoming("in-1"), INCOMING), CallState.Answering.class),
                new Row("Incoming Call: the ACK confirms the call → media, event, connected", List.of(INVITE, ACK),
                        List.of(new StartMedia("in-1", CallDirection.INCOMING),
                                event(SecurityEventName.INCOMING_CALL, in("in-1", CALLER)),
                                new ShowScreen(new ScreenState(ScreenKind.CONNECTED, CALLER))),
                        CallState.Established.class),
                new Row("Hanging Up (incoming, remote): BYE from the caller",
                        List.of(INVITE, ACK, new CallInput.RemoteHangUp("in-1")),
                        List.of(new StopMedia("in-1"),
                                event(SecurityEventName.HANGING_UP, in("in-1", CALLER, "side", "remote")), IDLE),
                        CallState.Idle.class),
                new Row("Hanging Up (incoming, device): button during the call → BYE",
                        List.of(INVITE, ACK, PRESS),
                        List.of(new StopMedia("in-1"), new SendBye("in-1"),
                                event(SecurityEventName.HANGING_UP, in("in-1", CALLER, "side", "device")), IDLE),
                        CallState.Idle.class),
                new Row("Call Failed (incoming): established call whose dialog fails",
                        List.of(INVITE, ACK, new CallInput.DialogFailed("in-1", "session timer expired")),
                        Script.concat(List.of(new StopMedia("in-1"), event(SecurityEventName.CALL_FAILED,
                                in("in-1", CALLER, "reason", "dialog failed", "error", "session timer expired"))),
                                SHOW_FAILED), CallState.Failed.class),
                new Row("Call Failed (incoming): our 200 OK never acknowledged",
                        List.of(INVITE, new CallInput.NoResponse("in-1")),
                        Script.concat(List.of(event(SecurityEventName.CALL_FAILED, in("in-1", CALLER, "reason", "no ACK"))),
                                SHOW_FAILED), CallState.Failed.class),
                new Row("caller cancels before the ACK → Hanging Up remote, cancelled before answer",
                        List.of(INVITE, new CallInput.IncomingCancelled("in-1")),
                        List.of(event(SecurityEventName.HANGING_UP,
                                in("in-1", CALLER, "side", "remote", "reason", "cancelled before answer")), IDLE),
                        CallState.Idle.class),
                new Row("offer we cannot satisfy → 488 and Call Rejected",
                        List.of(INVITE, new CallInput.MediaFailed("in-1", "SRTP required but not offered")),
                        List.of(new RejectIncoming("in-1", 488, "Not Acceptable Here"),
                                event(SecurityEventName.CALL_REJECTED, in("in-1", CALLER, "sipStatus", 488,
                                        "reason", "media failed", "error", "SRTP required but not offered")), IDLE),
                        CallState.Idle.class),
                new Row("Call Rejected busy: second INVITE during an incoming call → 486",
                        List.of(INVITE, ACK, inviteFrom("in-2", CALLER)),
                        List.of(new RejectIncoming("in-2", 486, "Busy Here"), event(SecurityEventName.CALL_REJECTED,
                                rejected("in-2", CALLER, 486, "busy"))), CallState.Established.class),
                new Row("Call Rejected busy: INVITE while the door is dialing out → 486",
                        List.of(PRESS, inviteFrom("in-2", CALLER)),
                        List.of(new RejectIncoming("in-2", 486, "Busy Here"), event(SecurityEventName.CALL_REJECTED,
                                rejected("in-2", CALLER, 486, "busy"))), CallState.Dialing.class),
                new Row("Call Rejected: caller not in the list → 403, even while busy",
                        List.of(PRESS, inviteFrom("in-2", "sip:666@10.0.0.5")),
                        List.of(new RejectIncoming("in-2", 403, "Forbidden"), event(SecurityEventName.CALL_REJECTED,
                                rejected("in-2", "sip:666@10.0.0.5", 403, "caller not in Allow Incoming Calls list"))),
                        CallState.Dialing.class),
                new Row("a retransmitted INVITE of the current call is ignored",
                        List.of(INVITE, INVITE), List.of(), CallState.Answering.class),
                new Row("button during an incoming call hangs it up: no new outgoing call",
                        List.of(INVITE, PRESS),
                        List.of(new SendBye("in-1"), event(SecurityEventName.HANGING_UP, in("in-1", CALLER, "side", "device")),
                                IDLE), CallState.Idle.class),
                new Row("late 200 of an old outgoing attempt during an incoming call → ACK and BYE that one only",
                        List.of(INVITE, ACK, answered("call-7")),
                        List.of(new CallCommand.SendAck("call-7"), new SendBye("call-7")), CallState.Established.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void incomingRow(Row row) {
        var harness = new Harness(allowing());

        var last = harness.run(row.inputs());

        assertThat(last).containsExactlyElementsOf(row.lastCommands());
        assertThat(harness.call.state()).isInstanceOf(row.state());
    }

    @Test
    void answerDelayFromCustomConfigurationRingsFirst() {
        var settings = TestDevices.incoming(new IncomingCalls(true, IncomingCallMode.EXTENSION_LIST, List.of(CALLER)),
                Map.of(AutoAnswer.DELAY_KEY, "1500"));
        var harness = new Harness(settings);
        var timer = new TimerId(TimerKind.ANSWER_DELAY, "in-1");

        assertThat(harness.later(INVITE)).containsExactly(new StartTimer(timer, Duration.ofMillis(1500)), INCOMING);
        assertThat(harness.call.state()).isInstanceOf(CallState.IncomingRinging.class);
        assertThat(harness.later(new CallInput.TimerFired(timer))).containsExactly(new AnswerIncoming("in-1"));
        assertThat(harness.call.state()).isInstanceOf(CallState.Answering.class);
    }

    @Test
    void buttonWhileAnIncomingCallRingsDeclinesIt() {
        var settings = TestDevices.incoming(new IncomingCalls(true, IncomingCallMode.EXTENSION_LIST, List.of(CALLER)),
                Map.of(AutoAnswer.DELAY_KEY, "3000"));
        var harness = new Harness(settings);
        harness.later(INVITE);

        assertThat(harness.later(PRESS)).containsExactly(new CancelTimer(new TimerId(TimerKind.ANSWER_DELAY, "in-1")),
                new RejectIncoming("in-1", 603, "Decline"),
                event(SecurityEventName.HANGING_UP, in("in-1", CALLER, "side", "device", "reason", "declined at the device")),
                IDLE);
    }

    @Test
    void refusedInviteLeavesTheDoorFreeForTheNextCall() {
        var harness = new Harness(allowing());
        harness.later(inviteFrom("in-9", "sip:666@evil.example"));

        harness.later(INVITE);

        assertThat(harness.call.state()).isInstanceOf(CallState.Answering.class);
    }

    static Map<String, Object> rejected(String callId, String caller, int status, String reason) {
        var details = new java.util.LinkedHashMap<String, Object>();
        details.put("callId", callId);
        details.put("direction", "incoming");
        details.put("attempt", 1);
        details.put("of", 1);
        details.put("caller", caller);
        details.put("source", "10.0.0.5:5060");
        details.put("sipStatus", status);
        details.put("reason", reason);
        return details;
    }
}
