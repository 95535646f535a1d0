package rock.intercom.call;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import rock.intercom.call.CallCommand.CancelTimer;
import rock.intercom.call.CallCommand.SendAck;
import rock.intercom.call.CallCommand.SendBye;
import rock.intercom.call.CallCommand.SendCancel;
import rock.intercom.call.CallCommand.PlayTone;
import rock.intercom.call.CallCommand.SendInvite;
import rock.intercom.call.CallCommand.ShowScreen;
import rock.intercom.call.CallCommand.StartEarlyMedia;
import rock.intercom.call.CallCommand.StartMedia;
import rock.intercom.call.CallCommand.StartTimer;
import rock.intercom.call.CallCommand.StopMedia;
import rock.intercom.call.CallCommand.StopTone;
import rock.intercom.call.CallInput.Answered;
import rock.intercom.call.CallInput.ButtonPressed;
import rock.intercom.call.CallInput.DialogFailed;
import rock.intercom.call.CallInput.HangUpRequested;
import rock.intercom.call.CallInput.MediaFailed;
import rock.intercom.call.CallInput.NoResponse;
import rock.intercom.call.CallInput.Provisional;
import rock.intercom.call.CallInput.Rejected;
import rock.intercom.call.CallInput.RemoteHangUp;
import rock.intercom.call.CallInput.TimerFired;
import rock.intercom.call.CallInput.TransportFailed;
import rock.intercom.call.CallState.Dialing;
import rock.intercom.call.CallState.EarlyMedia;
import rock.intercom.call.CallState.Established;
import rock.intercom.call.CallState.Failed;
import rock.intercom.call.CallState.Idle;
import rock.intercom.call.CallState.Ringing;

/**
 * Transitions of the door's outgoing call (issue 4): dial the call number, fall back through the
 * fallback numbers on failure or call timeout, hang up on the button or the remote BYE. Pure.
 *
 * <p>What the visitor hears (issue 13): our ringback from the first ringing provisional, as 2N
 * door stations do (not while merely Dialing: a 100 Trying says nothing about the desk), or the
 * peer's early media when a provisional brings SDP (RFC 3960 §3.1, gateway model), which then
 * goes on into the answered call; the busy tone whenever the screen turns to {@code Call failed}.
 */
final class OutgoingCall {

    /** How long {@code Call failed} stays on the screen. */
    static final Duration FAILED_SCREEN = Duration.ofSeconds(5);
    /** How long the busy tone sounds when a call fails: long enough to be recognised, shorter than the screen. */
    static final Duration BUSY_TONE = Duration.ofSeconds(3);

    private OutgoingCall() {
    }

    /** The button in a free state: dial the first number of the plan. */
    static Transition start(CallState current, DialPlan plan, CallIdGenerator callIds) {
        var commands = new ArrayList<CallCommand>();
        if (plan.size() == 0) {
            if (current instanceof Failed) {
                commands.addAll(leaveFailed());
            }
            commands.add(CallEvents.nothingToDial(plan.emptyReason()));
            return showFailed(plan.emptyReason(), commands);
        }
        Transition dialing = dial(1, plan, callIds, commands);
        if (!(current instanceof Failed)) {
            return dialing;
        }
        // The INVITE first: stopping the busy tone waits for its speaker to close, and the visitor
        // who pressed again should not wait for that (issue 12: press → INVITE on the wire).
        var ordered = new ArrayList<>(dialing.commands());
        ordered.addAll(1, leaveFailed());
        return new Transition(dialing.next(), ordered);
    }

    /**
     * A 2xx for an attempt we no longer want (it crossed our CANCEL or arrived after a timeout):
     * RFC 3261 §15 — acknowledge it, then end it with BYE. The state does not change.
     */
    static Transition lateAnswer(CallState current, CallInput input) {
        var answered = (Answered) input;
        return new Transition(current, List.of(new SendAck(answered.callId()), new SendBye(answered.callId())));
    }

    /** Inputs while an outgoing call is dialing, ringing or established. */
    static Transition step(CallState current, CallInput input, CallIdGenerator callIds) {
        CallLeg leg = current.leg();
        if (input instanceof ButtonPressed || input instanceof HangUpRequested) {
            return hangUpByDevice(current);
        }
        if (!leg.callId().equals(callIdOf(input))) {
            return Transition.ignore(current);
        }
        if (current instanceof Dialing dialing) {
            if (input instanceof Provisional provisional && provisional.sipStatus() > 100 && provisional.sipStatus() < 200) {
                return ringing(leg, dialing.plan(), provisional);
            }
            return pending(leg, dialing.plan(), input, callIds, current);
        }
        if (current instanceof Ringing ringing) {
            if (input instanceof Provisional provisional && provisional.earlyMedia() != null) {
                // RFC 3960 §3.1: the SDP replaces our ringback with the network's own tones or announcement.
                return new Transition(new EarlyMedia(leg, ringing.plan()),
                        List.of(new StopTone(), new StartEarlyMedia(leg.callId())));
            }
            return pending(leg, ringing.plan(), input, callIds, current);
        }
        if (current instanceof EarlyMedia early) {
            return pending(leg, early.plan(), input, callIds, current);
        }
        if (current instanceof Established) {
            return established(leg, input, current);
        }
        return Transition.ignore(current);
    }

    /** The first ringing provisional: our ringback, or the peer's early media when it brought SDP. */
    private static Transition ringing(CallLeg leg, DialPlan plan, Provisional provisional) {
        if (provisional.earlyMedia() != null) {
            var early = new EarlyMedia(leg, plan);
            return new Transition(early, List.of(new StartEarlyMedia(leg.callId()), new ShowScreen(early.screen())));
        }
        var ringing = new Ringing(leg, plan);
        // Bounded by the call timeout, which ends the ringing anyway.
        return new Transition(ringing, List.of(new ShowScreen(ringing.screen()),
                new PlayTone(ProgressTone.RINGBACK, plan.callTimeout())));
    }

    /** Inputs while our INVITE waits for its final response (Dialing, Ringing or EarlyMedia). */
    private static Transition pending(CallLeg leg, DialPlan plan, CallInput input, CallIdGenerator callIds,
            CallState current) {
        var timeout = new CancelTimer(callTimer(leg));
        if (input instanceof Answered answered) {
            var established = new Established(leg);
            var commands = new ArrayList<CallCommand>();
            if (current instanceof Ringing) {
                commands.add(new StopTone()); // before media starts: one writer at the speaker
            }
            // After early media this unmutes the microphone of the media already running.
            commands.addAll(List.of(timeout, new SendAck(leg.callId()), new StartMedia(leg.callId(), leg.direction()),
                    CallEvents.established(leg, answered.media()), new ShowScreen(established.screen())));
            return new Transition(established, commands);
        }
        var silence = silence(current);
        if (input instanceof TimerFired fired && fired.timer().equals(callTimer(leg))) {
            return next(leg, plan, callIds, with(silence, new SendCancel(leg.callId()),
                    CallEvents.failed(leg, CallReasons.NO_ANSWER, null)));
        }
        if (input instanceof Rejected rejected) {
            int status = rejected.sipStatus();
            return next(leg, plan, callIds, with(silence, timeout,
                    CallEvents.failed(leg, status, CallReasons.forStatus(status), rejected.reason())));
        }
        if (input instanceof TransportFailed failed) {
            return next(leg, plan, callIds, with(silence, timeout,
                    CallEvents.failed(leg, CallReasons.TRANSPORT_FAILURE, failed.reason())));
        }
        if (input instanceof NoResponse) {
            // RFC 3261 §8.1.3.1: a transaction timeout is treated as a 408 response.
            return next(leg, plan, callIds, with(silence, timeout,
                    CallEvents.failed(leg, 408, CallReasons.NO_RESPONSE, null)));
        }
        return Transition.ignore(current);
    }

    /** What ends the sound of a call that has not been answered: its ringback or its early media. */
    private static List<CallCommand> silence(CallState current) {
        if (current instanceof Ringing) {
            return List.of(new StopTone());
        }
        if (current instanceof EarlyMedia) {
            return List.of(new StopMedia(current.leg().callId()));
        }
        return List.of();
    }

    private static List<CallCommand> with(List<CallCommand> first, CallCommand... then) {
        var all = new ArrayList<CallCommand>(first);
        all.addAll(List.of(then));
        return all;
    }

    /** Inputs while an outgoing call is established. */
    private static Transition established(CallLeg leg, CallInput input, CallState current) {
        if (input instanceof RemoteHangUp) {
            return new Transition(new Idle(), List.of(new StopMedia(leg.callId()),
                    CallEvents.hangingUp(leg, EventDetails.SIDE_REMOTE), new ShowScreen(ScreenState.IDLE)));
        }
        if (input instanceof DialogFailed failed) {
            return showFailed(CallReasons.DIALOG_FAILED, new ArrayList<>(List.of(new StopMedia(leg.callId()),
                    CallEvents.failed(leg, CallReasons.DIALOG_FAILED, failed.reason()))));
        }
        if (input instanceof TransportFailed failed) {
            return showFailed(CallReasons.TRANSPORT_FAILURE, new ArrayList<>(List.of(new StopMedia(leg.callId()),
                    CallEvents.failed(leg, CallReasons.TRANSPORT_FAILURE, failed.reason()))));
        }
        if (input instanceof MediaFailed failed) {
            // The dialog is still alive: end it so the called station stops too.
            return showFailed(CallReasons.MEDIA_FAILED, new ArrayList<>(List.of(new StopMedia(leg.callId()),
                    new SendBye(leg.callId()), CallEvents.failed(leg, CallReasons.MEDIA_FAILED, failed.reason()))));
        }
        return Transition.ignore(current);
    }

    /** The device side ends the call: CANCEL while it rings (stopping the sequence), BYE once up. */
    private static Transition hangUpByDevice(CallState current) {
        CallLeg leg = current.leg();
        var commands = new ArrayList<CallCommand>();
        if (current instanceof Established) {
            commands.add(new StopMedia(leg.callId()));
            commands.add(new SendBye(leg.callId()));
        } else {
            commands.addAll(silence(current));
            commands.add(new CancelTimer(callTimer(leg)));
            commands.add(new SendCancel(leg.callId()));
        }
        commands.add(CallEvents.hangingUp(leg, EventDetails.SIDE_DEVICE));
        commands.add(new ShowScreen(ScreenState.IDLE));
        return new Transition(new Idle(), commands);
    }

    /** After a failed attempt: dial the next number at once, or report the whole sequence failed. */
    private static Transition next(CallLeg leg, DialPlan plan, CallIdGenerator callIds, List<CallCommand> done) {
        var commands = new ArrayList<CallCommand>(done);
        if (leg.attempt() < plan.size()) {
            return dial(leg.attempt() + 1, plan, callIds, commands);
        }
        commands.add(CallEvents.allNumbersTried(leg, plan));
        return showFailed(CallReasons.ALL_FALLBACK_NUMBERS_TRIED, commands);
    }

    private static Transition dial(int attempt, DialPlan plan, CallIdGenerator callIds, List<CallCommand> commands) {
        var leg = new CallLeg(callIds.next(), CallDirection.OUTGOING, plan.number(attempt), attempt, plan.size());
        var dialing = new Dialing(leg, plan);
        commands.add(new SendInvite(leg.callId(), leg.peer(), attempt, plan.size()));
        commands.add(new StartTimer(callTimer(leg), plan.callTimeout()));
        commands.add(CallEvents.dialing(leg));
        commands.add(new ShowScreen(dialing.screen()));
        return new Transition(dialing, commands);
    }

    /** The end of every failed call: the busy tone, and {@code Call failed} until the screen timer. */
    static Transition showFailed(String reason, List<CallCommand> commands) {
        commands.add(new PlayTone(ProgressTone.BUSY, BUSY_TONE));
        commands.add(new StartTimer(screenTimer(), FAILED_SCREEN));
        commands.add(new ShowScreen(ScreenState.CALL_FAILED));
        return new Transition(new Failed(reason), commands);
    }

    /** A new call while {@code Call failed} shows: the screen timer and the busy tone end early. */
    static List<CallCommand> leaveFailed() {
        return List.of(new CancelTimer(screenTimer()), new StopTone());
    }

    static TimerId callTimer(CallLeg leg) {
        return new TimerId(TimerKind.CALL_TIMEOUT, leg.callId());
    }

    static TimerId screenTimer() {
        return new TimerId(TimerKind.SCREEN_RESET, "");
    }

    /** The Call-ID an input is about, or null for inputs about no particular call. */
    static String callIdOf(CallInput input) {
        return input instanceof CallInput.LegInput leg ? leg.callId() : null;
    }
}
