package rock.intercom.call;

import static org.assertj.core.api.Assertions.assertThat;
import static rock.intercom.call.Script.PRESS;
import static rock.intercom.call.Script.HANG_UP;
import static rock.intercom.call.Script.answered;
import static rock.intercom.call.Script.callTimeout;
import static rock.intercom.call.Script.callTimer;
import static rock.intercom.call.Script.concat;
import static rock.intercom.call.Script.dial;
import static rock.intercom.call.Script.event;
import static rock.intercom.call.Script.out;
import static rock.intercom.call.Script.rejected;
import static rock.intercom.call.Script.remoteBye;
import static rock.intercom.call.Script.ringing;
import static rock.intercom.call.Script.screenTimer;
import static rock.intercom.call.Script.sessionProgress;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import rock.intercom.call.CallCommand.CancelTimer;
import rock.intercom.call.CallCommand.PlayTone;
import rock.intercom.call.CallCommand.SendAck;
import rock.intercom.call.CallCommand.SendBye;
import rock.intercom.call.CallCommand.SendCancel;
import rock.intercom.call.CallCommand.ShowScreen;
import rock.intercom.call.CallCommand.StartEarlyMedia;
import rock.intercom.call.CallCommand.StartMedia;
import rock.intercom.call.CallCommand.StartTimer;
import rock.intercom.call.CallCommand.StopMedia;
import rock.intercom.call.CallCommand.StopTone;
import rock.intercom.events.SecurityEventName;

/**
 * Every outgoing row of the guide's events table (and issue 4's behaviour) as a table: the
 * inputs from idle, the exact commands of the last step, and the state reached. Standard
 * settings: call number 400, fallbacks 401 and 402, timeout 30 s; Call-IDs call-1, call-2…
 * What the visitor hears (issue 13) rides along: ringback from the first ringing provisional,
 * early media when a provisional brings SDP, the busy tone with every {@code Call failed}.
 */
class OutgoingCallTest {

    record Row(String name, List<CallInput> inputs, List<CallCommand> lastCommands, Class<? extends CallState> state) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final ShowScreen IDLE = new ShowScreen(ScreenState.IDLE);
    private static final ShowScreen RINGING_400 = new ShowScreen(new ScreenState(ScreenKind.RINGING, "400"));
    private static final PlayTone RINGBACK = new PlayTone(ProgressTone.RINGBACK, Script.TIMEOUT);
    private static final StopTone STOP_TONE = new StopTone();
    private static final List<CallCommand> SHOW_FAILED = List.of(new PlayTone(ProgressTone.BUSY, Duration.ofSeconds(3)),
            new StartTimer(screenTimer(), Duration.ofSeconds(5)), new ShowScreen(ScreenState.CALL_FAILED));

    static Stream<Row> rows() {
        return Stream.of(
                new Row("Dialing: button while idle dials the call number, attempt 1 of 3",
                        List.of(PRESS), dial("call-1", "400", 1, 3), CallState.Dialing.class),
                new Row("180 Ringing shows ringing and plays the ringback, bounded by the call timeout",
                        List.of(PRESS, ringing("call-1")),
                        List.of(RINGING_400, RINGBACK), CallState.Ringing.class),
                new Row("183 Session Progress without SDP shows ringing and plays the ringback",
                        List.of(PRESS, new CallInput.Provisional("call-1", 183)),
                        List.of(RINGING_400, RINGBACK), CallState.Ringing.class),
                new Row("A second 180 while ringing: the ringback is not restarted",
                        List.of(PRESS, ringing("call-1"), ringing("call-1")), List.of(), CallState.Ringing.class),
                new Row("Call Established: 200 OK after ringing → ringback stops before media starts",
                        List.of(PRESS, ringing("call-1"), answered("call-1")),
                        concat(List.of(STOP_TONE), established("call-1", "400", 1)), CallState.Established.class),
                new Row("Early media: 183 with SDP while dialing → the peer's audio, no ringback",
                        List.of(PRESS, sessionProgress("call-1")),
                        List.of(new StartEarlyMedia("call-1"), RINGING_400), CallState.EarlyMedia.class),
                new Row("Early media: 183 with SDP after 180 → the ringback gives way to the peer's audio",
                        List.of(PRESS, ringing("call-1"), sessionProgress("call-1")),
                        List.of(STOP_TONE, new StartEarlyMedia("call-1")), CallState.EarlyMedia.class),
                new Row("Early media: a later 180 without SDP keeps the early media (no ringback)",
                        List.of(PRESS, sessionProgress("call-1"), ringing("call-1")), List.of(),
                        CallState.EarlyMedia.class),
                new Row("Early media: a broken stream does not end the ringing call",
                        List.of(PRESS, sessionProgress("call-1"), new CallInput.MediaFailed("call-1", "no RTP")),
                        List.of(), CallState.EarlyMedia.class),
                new Row("Early media: 200 OK → the same media goes on with the microphone (StartMedia), no tone",
                        List.of(PRESS, sessionProgress("call-1"), answered("call-1")),
                        established("call-1", "400", 1), CallState.Established.class),
                new Row("Early media: 486 → early media stops, next number",
                        List.of(PRESS, sessionProgress("call-1"), rejected("call-1", 486, "Busy Here")),
                        concat(List.of(new StopMedia("call-1")), failedThenNext(486, "busy", "Busy Here")),
                        CallState.Dialing.class),
                new Row("Early media: call timeout → early media stops, CANCEL, next number",
                        List.of(PRESS, sessionProgress("call-1"), callTimeout("call-1")),
                        concat(List.of(new StopMedia("call-1"), new SendCancel("call-1"),
                                event(SecurityEventName.CALL_FAILED, out("call-1", "400", 1, 3, "reason", "no answer"))),
                                dial("call-2", "401", 2, 3)), CallState.Dialing.class),
                new Row("Early media: button → early media stops, CANCEL",
                        List.of(PRESS, sessionProgress("call-1"), PRESS),
                        concat(List.of(new StopMedia("call-1")), cancelled("call-1", "400", 1)), CallState.Idle.class),
                new Row("Call Established: 200 OK without a provisional response",
                        List.of(PRESS, answered("call-1")),
                        established("call-1", "400", 1), CallState.Established.class),
                new Row("Call Failed: 486 busy → ringback stops, next number at once",
                        List.of(PRESS, ringing("call-1"), rejected("call-1", 486, "Busy Here")),
                        concat(List.of(STOP_TONE), failedThenNext(486, "busy", "Busy Here")), CallState.Dialing.class),
                new Row("Call Failed: 603 declined → ringback stops, next number at once",
                        List.of(PRESS, ringing("call-1"), rejected("call-1", 603, "Decline")),
                        concat(List.of(STOP_TONE), failedThenNext(603, "declined", "Decline")), CallState.Dialing.class),
                new Row("Call Failed: 404 not found → next number at once",
                        List.of(PRESS, rejected("call-1", 404, "Not Found")),
                        failedThenNext(404, "not found", "Not Found"), CallState.Dialing.class),
                new Row("Call Failed: 500 server error → next number at once",
                        List.of(PRESS, rejected("call-1", 500, "Server Internal Error")),
                        failedThenNext(500, "server error", "Server Internal Error"), CallState.Dialing.class),
                new Row("Call Failed: 503 server error → next number at once",
                        List.of(PRESS, rejected("call-1", 503, "Service Unavailable")),
                        failedThenNext(503, "server error", "Service Unavailable"), CallState.Dialing.class),
                new Row("Call Failed: transport failure (server unreachable) → next number at once",
                        List.of(PRESS, new CallInput.TransportFailed("call-1", "connection refused")),
                        concat(List.of(new CancelTimer(callTimer("call-1")),
                                event(SecurityEventName.CALL_FAILED, out("call-1", "400", 1, 3,
                                        "reason", "transport failure", "error", "connection refused"))),
                                dial("call-2", "401", 2, 3)), CallState.Dialing.class),
                new Row("Call Failed: no response (Timer B, 408) → next number at once",
                        List.of(PRESS, new CallInput.NoResponse("call-1")),
                        concat(List.of(new CancelTimer(callTimer("call-1")),
                                event(SecurityEventName.CALL_FAILED, out("call-1", "400", 1, 3,
                                        "sipStatus", 408, "reason", "no response"))),
                                dial("call-2", "401", 2, 3)), CallState.Dialing.class),
                new Row("Call Failed: call timeout → ringback stops, CANCEL, reason no answer, next number",
                        List.of(PRESS, ringing("call-1"), callTimeout("call-1")),
                        concat(List.of(STOP_TONE, new SendCancel("call-1"),
                                event(SecurityEventName.CALL_FAILED, out("call-1", "400", 1, 3, "reason", "no answer"))),
                                dial("call-2", "401", 2, 3)), CallState.Dialing.class),
                new Row("Call Failed: call timeout with no response at all (not registered) → never stuck in Dialing",
                        List.of(PRESS, callTimeout("call-1")),
                        concat(List.of(new SendCancel("call-1"),
                                event(SecurityEventName.CALL_FAILED, out("call-1", "400", 1, 3, "reason", "no answer"))),
                                dial("call-2", "401", 2, 3)), CallState.Dialing.class),
                new Row("Call Failed: all fallback numbers tried → one more Call Failed, busy tone, screen says failed",
                        List.of(PRESS, rejected("call-1", 486, "Busy Here"), rejected("call-2", 486, "Busy Here"),
                                rejected("call-3", 486, "Busy Here")),
                        concat(List.of(new CancelTimer(callTimer("call-3")),
                                event(SecurityEventName.CALL_FAILED, out("call-3", "402", 3, 3,
                                        "sipStatus", 486, "reason", "busy", "sipReason", "Busy Here")),
                                event(SecurityEventName.CALL_FAILED, out("call-3", "402", 3, 3,
                                        "reason", "all fallback numbers tried", "numbers", "400, 401, 402"))),
                                SHOW_FAILED), CallState.Failed.class),
                new Row("Call Failed: the last number rings then is busy → ringback stops, busy tone, Call failed",
                        List.of(PRESS, rejected("call-1", 486, "Busy Here"), rejected("call-2", 486, "Busy Here"),
                                ringing("call-3"), rejected("call-3", 486, "Busy Here")),
                        concat(List.of(STOP_TONE, new CancelTimer(callTimer("call-3")),
                                event(SecurityEventName.CALL_FAILED, out("call-3", "402", 3, 3,
                                        "sipStatus", 486, "reason", "busy", "sipReason", "Busy Here")),
                                event(SecurityEventName.CALL_FAILED, out("call-3", "402", 3, 3,
                                        "reason", "all fallback numbers tried", "numbers", "400, 401, 402"))),
                                SHOW_FAILED), CallState.Failed.class),
                new Row("Hanging Up (remote): BYE from the called station",
                        List.of(PRESS, answered("call-1"), remoteBye("call-1")),
                        List.of(new StopMedia("call-1"),
                                event(SecurityEventName.HANGING_UP, out("call-1", "400", 1, 3, "side", "remote")), IDLE),
                        CallState.Idle.class),
                new Row("Hanging Up (device): button during an established call → BYE",
                        List.of(PRESS, answered("call-1"), PRESS),
                        List.of(new StopMedia("call-1"), new SendBye("call-1"),
                                event(SecurityEventName.HANGING_UP, out("call-1", "400", 1, 3, "side", "device")), IDLE),
                        CallState.Idle.class),
                new Row("Hanging Up (device): hang-up request during an established call → BYE",
                        List.of(PRESS, answered("call-1"), HANG_UP),
                        List.of(new StopMedia("call-1"), new SendBye("call-1"),
                                event(SecurityEventName.HANGING_UP, out("call-1", "400", 1, 3, "side", "device")), IDLE),
                        CallState.Idle.class),
                new Row("Cancel: button while ringing → ringback stops, CANCEL, the fallback sequence stops",
                        List.of(PRESS, ringing("call-1"), PRESS),
                        concat(List.of(STOP_TONE), cancelled("call-1", "400", 1)), CallState.Idle.class),
                new Row("Cancel: button while dialing → CANCEL (held by the adapter until a 1xx)",
                        List.of(PRESS, PRESS), cancelled("call-1", "400", 1), CallState.Idle.class),
                new Row("Cancel: button while the second number rings",
                        List.of(PRESS, rejected("call-1", 486, "Busy Here"), ringing("call-2"), PRESS),
                        concat(List.of(STOP_TONE), cancelled("call-2", "401", 2)), CallState.Idle.class),
                new Row("Call Failed: established call whose dialog fails",
                        List.of(PRESS, answered("call-1"), new CallInput.DialogFailed("call-1", "481 on re-INVITE")),
                        concat(List.of(new StopMedia("call-1"), event(SecurityEventName.CALL_FAILED, out("call-1", "400", 1, 3,
                                "reason", "dialog failed", "error", "481 on re-INVITE"))), SHOW_FAILED),
                        CallState.Failed.class),
                new Row("Call Failed: established call whose transport drops",
                        List.of(PRESS, answered("call-1"), new CallInput.TransportFailed("call-1", "TLS connection closed")),
                        concat(List.of(new StopMedia("call-1"), event(SecurityEventName.CALL_FAILED, out("call-1", "400", 1, 3,
                                "reason", "transport failure", "error", "TLS connection closed"))), SHOW_FAILED),
                        CallState.Failed.class),
                new Row("Call Failed: established call whose media fails → BYE",
                        List.of(PRESS, answered("call-1"), new CallInput.MediaFailed("call-1", "RTP socket closed")),
                        concat(List.of(new StopMedia("call-1"), new SendBye("call-1"),
                                event(SecurityEventName.CALL_FAILED, out("call-1", "400", 1, 3,
                                        "reason", "media failed", "error", "RTP socket closed"))), SHOW_FAILED),
                        CallState.Failed.class),
                new Row("Late 200 OK that crossed our CANCEL → ACK then BYE, state unchanged",
                        List.of(PRESS, ringing("call-1"), PRESS, answered("call-1")),
                        List.of(new SendAck("call-1"), new SendBye("call-1")), CallState.Idle.class),
                new Row("Late 200 OK after a call timeout, while the next number is dialled → ACK then BYE",
                        List.of(PRESS, callTimeout("call-1"), answered("call-1")),
                        List.of(new SendAck("call-1"), new SendBye("call-1")), CallState.Dialing.class),
                new Row("Screen reset after a failure → idle screen",
                        List.of(PRESS, rejected("call-1", 486, ""), rejected("call-2", 486, ""), rejected("call-3", 486, ""),
                                new CallInput.TimerFired(screenTimer())),
                        List.of(IDLE), CallState.Idle.class),
                new Row("Button while Call failed is shown starts a new call (INVITE first); the busy tone stops",
                        List.of(PRESS, rejected("call-1", 486, ""), rejected("call-2", 486, ""), rejected("call-3", 486, ""),
                                PRESS),
                        afterInvite(dial("call-4", "400", 1, 3), new CancelTimer(screenTimer()), STOP_TONE),
                        CallState.Dialing.class));
    }

    /** {@code commands} with {@code more} right after their first one, the SendInvite. */
    private static List<CallCommand> afterInvite(List<CallCommand> commands, CallCommand... more) {
        var ordered = new java.util.ArrayList<>(commands);
        ordered.addAll(1, List.of(more));
        return ordered;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void outgoingRow(Row row) {
        var harness = new Harness();

        var last = harness.run(row.inputs());

        assertThat(last).containsExactlyElementsOf(row.lastCommands());
        assertThat(harness.call.state()).isInstanceOf(row.state());
    }

    private static List<CallCommand> established(String callId, String number, int attempt) {
        var leg = out(callId, number, attempt, 3);
        return List.of(new CancelTimer(callTimer(callId)), new SendAck(callId),
                new StartMedia(callId, CallDirection.OUTGOING), event(SecurityEventName.CALL_ESTABLISHED, leg),
                new ShowScreen(new ScreenState(ScreenKind.CONNECTED, number)));
    }

    private static List<CallCommand> failedThenNext(int status, String reason, String phrase) {
        return concat(List.of(new CancelTimer(callTimer("call-1")),
                event(SecurityEventName.CALL_FAILED, out("call-1", "400", 1, 3,
                        "sipStatus", status, "reason", reason, "sipReason", phrase))),
                dial("call-2", "401", 2, 3));
    }

    private static List<CallCommand> cancelled(String callId, String number, int attempt) {
        return List.of(new CancelTimer(callTimer(callId)), new SendCancel(callId),
                event(SecurityEventName.HANGING_UP, out(callId, number, attempt, 3, "side", "device")), IDLE);
    }
}
