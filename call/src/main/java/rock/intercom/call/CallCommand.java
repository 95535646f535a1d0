package rock.intercom.call;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import rock.intercom.events.NewEvent;
import rock.intercom.events.SecurityEventName;

/**
 * What {@link DoorCall} asks the outside world to do after a transition, in order. The driver
 * thread executes them and posts the outcomes back as {@link CallInput}s. Immutable.
 */
public sealed interface CallCommand {

    /**
     * Send an INVITE to {@code number} at the SIP server (through the proxy when configured) using
     * exactly this Call-ID, answering 401/407 challenges.
     */
    record SendInvite(String callId, String number, int attempt, int of) implements CallCommand {
    }

    /**
     * Cancel our pending INVITE. RFC 3261 §9.1: the adapter holds the CANCEL until a provisional
     * response arrived.
     */
    record SendCancel(String callId) implements CallCommand {
    }

    /** Acknowledge a 2xx to our INVITE (RFC 3261 §13.2.2.4). */
    record SendAck(String callId) implements CallCommand {
    }

    /**
     * End the call's dialog with BYE (RFC 3261 §15.1). For an incoming call still waiting for its
     * ACK, the adapter sends it once the ACK arrives or the transaction times out (§15).
     */
    record SendBye(String callId) implements CallCommand {
    }

    /** Answer the incoming INVITE with 200 OK and our SDP answer. */
    record AnswerIncoming(String callId) implements CallCommand {
    }

    /**
     * Refuse the incoming INVITE with this final response (403, 404, 486, 488, 603...);
     * {@code reason} is the standard reason phrase to send ("Forbidden"), never the policy detail.
     */
    record RejectIncoming(String callId, int sipStatus, String reason) implements CallCommand {
    }

    /** Start (or restart) a one-shot timer; when it expires post {@link CallInput.TimerFired}. */
    record StartTimer(TimerId timer, Duration after) implements CallCommand {
    }

    /** Cancel a timer; a {@link CallInput.TimerFired} that raced the cancel is ignored anyway. */
    record CancelTimer(TimerId timer) implements CallCommand {
    }

    /** Open the audio (and video) channels negotiated for the call. */
    record StartMedia(String callId, CallDirection direction) implements CallCommand {
    }

    /** Close the call's media channels. */
    record StopMedia(String callId) implements CallCommand {
    }

    /**
     * Play the peer's early media (RFC 3960, the SDP of a provisional response) at the speaker,
     * with our microphone muted until a {@link StartMedia} for the same call.
     */
    record StartEarlyMedia(String callId) implements CallCommand {
    }

    /**
     * Play a call-progress tone at the speaker for at most {@code length}, replacing any tone
     * playing; the bound keeps a lost {@link StopTone} from sounding forever.
     */
    record PlayTone(ProgressTone tone, Duration length) implements CallCommand {
        public PlayTone {
            Objects.requireNonNull(tone, "tone");
            Objects.requireNonNull(length, "length");
        }
    }

    /** Silence the call-progress tone, if one plays. */
    record StopTone() implements CallCommand {
    }

    /** Append a security event; details keys are {@link EventDetails} constants, values never null. */
    record RecordEvent(SecurityEventName name, Map<String, Object> details) implements CallCommand {
        public RecordEvent {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(details, "details");
            // The event store copies details with Map.copyOf: a null would fail there, far from its cause.
            details.forEach((key, value) -> {
                if (key == null || value == null) {
                    throw new IllegalArgumentException("null in event details of " + name + ": " + key + "=" + value);
                }
            });
            details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        }

        /** The event ready for the store, for the given device. */
        public NewEvent toNewEvent(String deviceId) {
            return NewEvent.of(deviceId, name, details);
        }
    }

    /**
     * A digit the remote party of the established call sent: for the door release code. Only
     * digits of the current, established call become this command.
     */
    record HandleDigit(CallLeg leg, char digit) implements CallCommand {
        public HandleDigit {
            Objects.requireNonNull(leg, "leg");
        }
    }

    /** Show this state on the device's screen (and in {@code GET …/status}). */
    record ShowScreen(ScreenState screen) implements CallCommand {
    }
}
