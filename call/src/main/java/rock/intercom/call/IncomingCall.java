package rock.intercom.call;

import java.util.ArrayList;
import java.util.List;
import rock.intercom.call.CallCommand.AnswerIncoming;
import rock.intercom.call.CallCommand.CancelTimer;
import rock.intercom.call.CallCommand.RejectIncoming;
import rock.intercom.call.CallCommand.SendBye;
import rock.intercom.call.CallCommand.ShowScreen;
import rock.intercom.call.CallCommand.StartMedia;
import rock.intercom.call.CallCommand.StartTimer;
import rock.intercom.call.CallCommand.StopMedia;
import rock.intercom.call.CallInput.ButtonPressed;
import rock.intercom.call.CallInput.DialogFailed;
import rock.intercom.call.CallInput.HangUpRequested;
import rock.intercom.call.CallInput.IncomingAcknowledged;
import rock.intercom.call.CallInput.IncomingCancelled;
import rock.intercom.call.CallInput.IncomingInvite;
import rock.intercom.call.CallInput.MediaFailed;
import rock.intercom.call.CallInput.NoResponse;
import rock.intercom.call.CallInput.RemoteHangUp;
import rock.intercom.call.CallInput.TimerFired;
import rock.intercom.call.CallInput.TransportFailed;
import rock.intercom.call.CallState.Answering;
import rock.intercom.call.CallState.Established;
import rock.intercom.call.CallState.Failed;
import rock.intercom.call.CallState.Idle;
import rock.intercom.call.CallState.IncomingRinging;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.SipUri;

/**
 * Transitions of an incoming call (issue 5): the policy decides, an allowed call is answered
 * automatically after the configured delay, a busy device answers 486. Pure.
 */
final class IncomingCall {

    private IncomingCall() {
    }

    /** A new INVITE in any state: policy first (a refused caller never learns we are busy), then busy. */
    static Transition invite(CallState current, IncomingInvite invite, DeviceSettings settings) {
        if (current.leg() != null && current.leg().callId().equals(invite.callId())) {
            return Transition.ignore(current); // a retransmission the adapter let through
        }
        IncomingDecision decision = IncomingCallPolicy.decide(settings, invite);
        if (decision instanceof IncomingDecision.Refuse refuse) {
            return reject(current, invite, refuse.sipStatus(), refuse.sipReasonPhrase(), refuse.reason());
        }
        String caller = ((IncomingDecision.Allow) decision).caller();
        if (!current.isFree()) {
            return reject(current, invite, 486, "Busy Here", CallReasons.BUSY);
        }
        var commands = new ArrayList<CallCommand>();
        if (current instanceof Failed) {
            commands.addAll(OutgoingCall.leaveFailed());
        }
        var leg = new CallLeg(invite.callId(), CallDirection.INCOMING, caller, 1, 1);
        var delay = AutoAnswer.delay(settings);
        CallState next;
        if (delay.isZero()) {
            next = new Answering(leg);
            commands.add(new AnswerIncoming(leg.callId()));
        } else {
            next = new IncomingRinging(leg);
            commands.add(new StartTimer(answerTimer(leg), delay));
        }
        commands.add(new ShowScreen(next.screen()));
        return new Transition(next, commands);
    }

    /** Inputs while an incoming call is ringing, being answered or established. */
    static Transition step(CallState current, CallInput input) {
        CallLeg leg = current.leg();
        boolean byDevice = input instanceof ButtonPressed || input instanceof HangUpRequested;
        if (!byDevice && !leg.callId().equals(OutgoingCall.callIdOf(input))) {
            return Transition.ignore(current);
        }
        if (current instanceof IncomingRinging) {
            return ringing(leg, input, byDevice, current);
        }
        if (current instanceof Answering) {
            return answering(leg, input, byDevice, current);
        }
        if (current instanceof Established) {
            return established(leg, input, byDevice, current);
        }
        return Transition.ignore(current);
    }

    private static Transition ringing(CallLeg leg, CallInput input, boolean byDevice, CallState current) {
        if (input instanceof TimerFired fired && fired.timer().equals(answerTimer(leg))) {
            var answering = new Answering(leg);
            return new Transition(answering, List.of(new AnswerIncoming(leg.callId())));
        }
        if (byDevice) {
            return idle(List.of(new CancelTimer(answerTimer(leg)), new RejectIncoming(leg.callId(), 603, "Decline"),
                    CallEvents.hangingUp(leg, EventDetails.SIDE_DEVICE, CallReasons.DECLINED_BY_DEVICE)));
        }
        if (input instanceof IncomingCancelled) {
            return idle(List.of(new CancelTimer(answerTimer(leg)),
                    CallEvents.hangingUp(leg, EventDetails.SIDE_REMOTE, CallReasons.CANCELLED_BEFORE_ANSWER)));
        }
        if (input instanceof MediaFailed failed) {
            var commands = new ArrayList<CallCommand>(List.of(new CancelTimer(answerTimer(leg))));
            commands.addAll(notAcceptable(leg, failed));
            return idle(commands);
        }
        return Transition.ignore(current);
    }

    private static Transition answering(CallLeg leg, CallInput input, boolean byDevice, CallState current) {
        if (input instanceof IncomingAcknowledged acknowledged) {
            var established = new Established(leg);
            return new Transition(established, List.of(new StartMedia(leg.callId(), CallDirection.INCOMING),
                    CallEvents.incomingCall(leg, acknowledged.media()), new ShowScreen(established.screen())));
        }
        if (byDevice) {
            return idle(List.of(new SendBye(leg.callId()), CallEvents.hangingUp(leg, EventDetails.SIDE_DEVICE)));
        }
        if (input instanceof IncomingCancelled) {
            return idle(List.of(CallEvents.hangingUp(leg, EventDetails.SIDE_REMOTE, CallReasons.CANCELLED_BEFORE_ANSWER)));
        }
        if (input instanceof MediaFailed failed) {
            // The answer could not be built (no common codec, SRTP required but not offered).
            return idle(notAcceptable(leg, failed));
        }
        if (input instanceof NoResponse) {
            return failed(List.of(CallEvents.failed(leg, CallReasons.NO_ACK, null)), CallReasons.NO_ACK);
        }
        if (input instanceof TransportFailed failed) {
            return failed(List.of(CallEvents.failed(leg, CallReasons.TRANSPORT_FAILURE, failed.reason())),
                    CallReasons.TRANSPORT_FAILURE);
        }
        if (input instanceof DialogFailed failed) {
            return failed(List.of(CallEvents.failed(leg, CallReasons.DIALOG_FAILED, failed.reason())),
                    CallReasons.DIALOG_FAILED);
        }
        return Transition.ignore(current);
    }

    private static Transition established(CallLeg leg, CallInput input, boolean byDevice, CallState current) {
        var stop = new StopMedia(leg.callId());
        if (byDevice) {
            return idle(List.of(stop, new SendBye(leg.callId()), CallEvents.hangingUp(leg, EventDetails.SIDE_DEVICE)));
        }
        if (input instanceof RemoteHangUp) {
            return idle(List.of(stop, CallEvents.hangingUp(leg, EventDetails.SIDE_REMOTE)));
        }
        if (input instanceof DialogFailed failed) {
            return failed(List.of(stop, CallEvents.failed(leg, CallReasons.DIALOG_FAILED, failed.reason())),
                    CallReasons.DIALOG_FAILED);
        }
        if (input instanceof TransportFailed failed) {
            return failed(List.of(stop, CallEvents.failed(leg, CallReasons.TRANSPORT_FAILURE, failed.reason())),
                    CallReasons.TRANSPORT_FAILURE);
        }
        if (input instanceof MediaFailed failed) {
            return failed(List.of(stop, new SendBye(leg.callId()),
                    CallEvents.failed(leg, CallReasons.MEDIA_FAILED, failed.reason())), CallReasons.MEDIA_FAILED);
        }
        return Transition.ignore(current);
    }

    /** RFC 3261 §21.4.26: the offer cannot be satisfied → 488 Not Acceptable Here, recorded. */
    private static List<CallCommand> notAcceptable(CallLeg leg, MediaFailed failed) {
        return List.of(new RejectIncoming(leg.callId(), 488, "Not Acceptable Here"),
                CallEvents.mediaRejected(leg, failed.reason()));
    }

    private static Transition reject(CallState current, IncomingInvite invite, int status, String phrase, String reason) {
        // The same caller text as an Incoming Call event (the URI, no display name), so an operator
        // filters both alike; a From that does not parse is kept as received.
        SipUri parsed = invite.callerUri() == null ? null : SipUri.parse(invite.callerUri()).uriOrNull();
        String caller = parsed != null ? parsed.toString() : invite.callerUri();
        return new Transition(current, List.of(new RejectIncoming(invite.callId(), status, phrase),
                CallEvents.rejected(invite.callId(), caller, invite.source(), status, reason)));
    }

    private static Transition idle(List<CallCommand> done) {
        var commands = new ArrayList<CallCommand>(done);
        commands.add(new ShowScreen(ScreenState.IDLE));
        return new Transition(new Idle(), commands);
    }

    private static Transition failed(List<CallCommand> done, String reason) {
        return OutgoingCall.showFailed(reason, new ArrayList<>(done));
    }

    static TimerId answerTimer(CallLeg leg) {
        return new TimerId(TimerKind.ANSWER_DELAY, leg.callId());
    }
}
