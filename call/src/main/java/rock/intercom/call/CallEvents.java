package rock.intercom.call;

import java.util.LinkedHashMap;
import java.util.Map;
import rock.intercom.call.CallCommand.RecordEvent;
import rock.intercom.call.media.AgreedMedia;
import rock.intercom.events.SecurityEventName;

/**
 * Builds the call's security events. Every event carries the Call-ID, the attempt and the
 * direction so an operator can match it to a PBX trace; no detail value is ever null.
 */
final class CallEvents {

    private CallEvents() {
    }

    static RecordEvent dialing(CallLeg leg) {
        return new RecordEvent(SecurityEventName.DIALING, legDetails(leg));
    }

    /** With what protects the media (issue 6), as the answered input carried it; left out when unknown. */
    static RecordEvent established(CallLeg leg, AgreedMedia media) {
        return new RecordEvent(SecurityEventName.CALL_ESTABLISHED, withMedia(legDetails(leg), media));
    }

    static RecordEvent incomingCall(CallLeg leg, AgreedMedia media) {
        return new RecordEvent(SecurityEventName.INCOMING_CALL, withMedia(legDetails(leg), media));
    }

    private static Map<String, Object> withMedia(Map<String, Object> details, AgreedMedia media) {
        if (media != null) {
            details.put(EventDetails.MEDIA, media.protection());
            if (media.video() != null) {
                details.put(EventDetails.VIDEO, media.video());
            }
        }
        return details;
    }

    static RecordEvent hangingUp(CallLeg leg, String side) {
        var details = legDetails(leg);
        details.put(EventDetails.SIDE, side);
        return new RecordEvent(SecurityEventName.HANGING_UP, details);
    }

    static RecordEvent hangingUp(CallLeg leg, String side, String reason) {
        var details = legDetails(leg);
        details.put(EventDetails.SIDE, side);
        details.put(EventDetails.REASON, reason);
        return new RecordEvent(SecurityEventName.HANGING_UP, details);
    }

    /** A failure without a SIP status (no answer, transport, dialog, media). */
    static RecordEvent failed(CallLeg leg, String reason, String error) {
        var details = legDetails(leg);
        details.put(EventDetails.REASON, reason);
        if (error != null && !error.isBlank()) {
            details.put(EventDetails.ERROR, error);
        }
        return new RecordEvent(SecurityEventName.CALL_FAILED, details);
    }

    /** A failure with the SIP status of the final response. */
    static RecordEvent failed(CallLeg leg, int sipStatus, String reason, String sipReason) {
        var details = legDetails(leg);
        details.put(EventDetails.SIP_STATUS, sipStatus);
        details.put(EventDetails.REASON, reason);
        if (sipReason != null && !sipReason.isBlank()) {
            details.put(EventDetails.SIP_REASON, sipReason);
        }
        return new RecordEvent(SecurityEventName.CALL_FAILED, details);
    }

    /** The guide's separate row: the whole sequence failed. */
    static RecordEvent allNumbersTried(CallLeg last, DialPlan plan) {
        var details = legDetails(last);
        details.put(EventDetails.REASON, CallReasons.ALL_FALLBACK_NUMBERS_TRIED);
        details.put(EventDetails.NUMBERS, String.join(", ", plan.numbers()));
        return new RecordEvent(SecurityEventName.CALL_FAILED, details);
    }

    /** The button was pressed but nothing can be dialled. */
    static RecordEvent nothingToDial(String reason) {
        var details = new LinkedHashMap<String, Object>();
        details.put(EventDetails.DIRECTION, CallDirection.OUTGOING.label());
        details.put(EventDetails.ATTEMPT, 0);
        details.put(EventDetails.ATTEMPTS, 0);
        details.put(EventDetails.REASON, reason);
        return new RecordEvent(SecurityEventName.CALL_FAILED, details);
    }

    static RecordEvent rejected(String callId, String caller, InviteSource source, int sipStatus, String reason) {
        var details = new LinkedHashMap<String, Object>();
        details.put(EventDetails.CALL_ID, callId);
        details.put(EventDetails.DIRECTION, CallDirection.INCOMING.label());
        details.put(EventDetails.ATTEMPT, 1);
        details.put(EventDetails.ATTEMPTS, 1);
        details.put(EventDetails.CALLER, caller == null ? "" : caller);
        details.put(EventDetails.SOURCE, source.address() + ":" + source.port());
        details.put(EventDetails.SIP_STATUS, sipStatus);
        details.put(EventDetails.REASON, reason);
        return new RecordEvent(SecurityEventName.CALL_REJECTED, details);
    }

    /** An incoming call whose media offer cannot be satisfied (488). */
    static RecordEvent mediaRejected(CallLeg leg, String error) {
        var details = legDetails(leg);
        details.put(EventDetails.SIP_STATUS, 488);
        details.put(EventDetails.REASON, CallReasons.MEDIA_FAILED);
        if (error != null && !error.isBlank()) {
            details.put(EventDetails.ERROR, error);
        }
        return new RecordEvent(SecurityEventName.CALL_REJECTED, details);
    }

    private static Map<String, Object> legDetails(CallLeg leg) {
        var details = new LinkedHashMap<String, Object>();
        details.put(EventDetails.CALL_ID, leg.callId());
        details.put(EventDetails.DIRECTION, leg.direction().label());
        details.put(EventDetails.ATTEMPT, leg.attempt());
        details.put(EventDetails.ATTEMPTS, leg.of());
        details.put(leg.direction() == CallDirection.OUTGOING ? EventDetails.NUMBER : EventDetails.CALLER, leg.peer());
        return details;
    }
}
