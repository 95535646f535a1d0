package rock.intercom.call;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rock.intercom.call.CallCommand.RecordEvent;
import rock.intercom.events.SecurityEventName;

/** Short names for inputs and expected commands, so test tables read like the guide. */
final class Script {

    static final CallInput PRESS = new CallInput.ButtonPressed();
    static final CallInput HANG_UP = new CallInput.HangUpRequested();
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Script() {
    }

    static CallInput ringing(String callId) {
        return new CallInput.Provisional(callId, 180);
    }

    /** 183 Session Progress whose SDP the adapter applied: early media (RFC 3960). */
    static CallInput sessionProgress(String callId) {
        return new CallInput.Provisional(callId, 183, new rock.intercom.call.media.AgreedMedia("RTP", "PCMU"));
    }

    static CallInput answered(String callId) {
        return new CallInput.Answered(callId);
    }

    static CallInput rejected(String callId, int status, String phrase) {
        return new CallInput.Rejected(callId, status, phrase);
    }

    static CallInput callTimeout(String callId) {
        return new CallInput.TimerFired(new TimerId(TimerKind.CALL_TIMEOUT, callId));
    }

    static CallInput remoteBye(String callId) {
        return new CallInput.RemoteHangUp(callId);
    }

    static TimerId callTimer(String callId) {
        return new TimerId(TimerKind.CALL_TIMEOUT, callId);
    }

    static TimerId screenTimer() {
        return new TimerId(TimerKind.SCREEN_RESET, "");
    }

    /** The four commands that start one outgoing attempt. */
    static List<CallCommand> dial(String callId, String number, int attempt, int of) {
        return List.of(new CallCommand.SendInvite(callId, number, attempt, of),
                new CallCommand.StartTimer(callTimer(callId), TIMEOUT),
                event(SecurityEventName.DIALING, out(callId, number, attempt, of)),
                new CallCommand.ShowScreen(new ScreenState(ScreenKind.DIALING, number)));
    }

    /** The details every outgoing event carries. */
    static Map<String, Object> out(String callId, String number, int attempt, int of, Object... more) {
        var details = new LinkedHashMap<String, Object>();
        details.put("callId", callId);
        details.put("direction", "outgoing");
        details.put("attempt", attempt);
        details.put("of", of);
        details.put("number", number);
        for (int i = 0; i < more.length; i += 2) {
            details.put((String) more[i], more[i + 1]);
        }
        return details;
    }

    /** The details every incoming event carries. */
    static Map<String, Object> in(String callId, String caller, Object... more) {
        var details = new LinkedHashMap<String, Object>();
        details.put("callId", callId);
        details.put("direction", "incoming");
        details.put("attempt", 1);
        details.put("of", 1);
        details.put("caller", caller);
        for (int i = 0; i < more.length; i += 2) {
            details.put((String) more[i], more[i + 1]);
        }
        return details;
    }

    static RecordEvent event(SecurityEventName name, Map<String, Object> details) {
        return new RecordEvent(name, details);
    }

    @SafeVarargs
    static <T> List<T> concat(List<? extends T>... parts) {
        var all = new java.util.ArrayList<T>();
        for (var part : parts) {
            all.addAll(part);
        }
        return all;
    }
}
