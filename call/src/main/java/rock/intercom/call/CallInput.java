package rock.intercom.call;

import java.util.Objects;
import rock.intercom.call.media.AgreedMedia;
import rock.intercom.settings.DeviceSettings;

/**
 * Everything that can happen to the door's call, posted to {@link DoorCall} by the button, the SIP
 * adapter, timers and the settings store. Inputs about one call name it by its SIP Call-ID; an
 * input naming a call that is not the current one is stale and ignored (except a late 2xx, see
 * {@link Answered}). Immutable.
 */
public sealed interface CallInput {

    /**
     * An input about one call's SIP leg, named by its Call-ID: the call driver takes it only when
     * it names the current leg. A new INVITE and a received digit carry a Call-ID too but are not
     * leg inputs: the first starts a call, the second goes to the door release.
     */
    sealed interface LegInput extends CallInput {
        String callId();
    }

    /** The wired intercom button was pressed (debounced by {@link DoorCall#DEBOUNCE}). */
    record ButtonPressed() implements CallInput {
    }

    /** Someone asked to end the current call (API, portal); like the button but never starts a call. */
    record HangUpRequested() implements CallInput {
    }

    /**
     * A provisional response 101..199 to our INVITE; 180 Ringing and 183 Session Progress show
     * ringing. {@code earlyMedia} is what the response's SDP agreed, already applied by the
     * adapter (RFC 3960 gateway model: a provisional with SDP brings early media), or null when it
     * carried none or an unusable one (the door then plays its own ringback).
     */
    record Provisional(String callId, int sipStatus, AgreedMedia earlyMedia) implements LegInput {
        public Provisional {
            Objects.requireNonNull(callId, "callId");
        }

        /** A provisional without early media. */
        public Provisional(String callId, int sipStatus) {
            this(callId, sipStatus, null);
        }
    }

    /**
     * A 2xx to our INVITE. For the current attempt the call is established; for any other Call-ID
     * (a 200 that crossed our CANCEL, RFC 3261 §9.1) the machine ACKs and BYEs it at once. The SIP
     * adapter posts this only for INVITEs it sent on a {@link CallCommand.SendInvite}, after it
     * applied the 2xx's SDP answer: {@code media} is what that agreed, or null when the answer was
     * unusable (a {@link MediaFailed} follows).
     */
    record Answered(String callId, AgreedMedia media) implements LegInput {
        public Answered {
            Objects.requireNonNull(callId, "callId");
        }

        /** A 2xx whose media is not known (a late answer the machine only ACKs and BYEs). */
        public Answered(String callId) {
            this(callId, null);
        }
    }

    /**
     * A final non-2xx response to our INVITE (after the adapter answered any 401/407 challenge):
     * busy, declined, not found, server error... {@code reason} is the response's reason phrase.
     */
    record Rejected(String callId, int sipStatus, String reason) implements LegInput {
        public Rejected {
            Objects.requireNonNull(callId, "callId");
        }
    }

    /** The request could not be sent or the connection dropped (server unreachable, TLS failure). */
    record TransportFailed(String callId, String reason) implements LegInput {
        public TransportFailed {
            Objects.requireNonNull(callId, "callId");
        }
    }

    /** The INVITE (or, for an incoming call, our 2xx) transaction timed out: RFC 3261 Timer B / Timer H. */
    record NoResponse(String callId) implements LegInput {
        public NoResponse {
            Objects.requireNonNull(callId, "callId");
        }
    }

    /** The remote side sent BYE on the call's dialog (the adapter already answered 200). */
    record RemoteHangUp(String callId) implements LegInput {
        public RemoteHangUp {
            Objects.requireNonNull(callId, "callId");
        }
    }

    /** An established dialog failed: in-dialog request timed out or got 481, the connection dropped. */
    record DialogFailed(String callId, String reason) implements LegInput {
        public DialogFailed {
            Objects.requireNonNull(callId, "callId");
        }
    }

    /**
     * Media could not be set up or broke: no common codec, SRTP required but not offered, RTP
     * socket failure. Before an incoming call is answered this rejects it with 488.
     */
    record MediaFailed(String callId, String reason) implements LegInput {
        public MediaFailed {
            Objects.requireNonNull(callId, "callId");
        }
    }

    /**
     * The remote party sent a DTMF digit ({@code 0-9 * # A-D}) on call {@code callId}, by RFC 4733
     * event or SIP INFO; the media side bounds how many a call may post.
     */
    record DigitReceived(String callId, char digit) implements CallInput {
        public DigitReceived {
            Objects.requireNonNull(callId, "callId");
        }
    }

    /** A timer started by {@link CallCommand.StartTimer} expired. */
    record TimerFired(TimerId timer) implements LegInput {
        public TimerFired {
            Objects.requireNonNull(timer, "timer");
        }

        /** The call the timer was started for ("" for timers about no call, like the screen's). */
        @Override
        public String callId() {
            return timer.callId();
        }
    }

    /**
     * A new INVITE (not a re-INVITE) reached the device.
     *
     * @param callId           the INVITE's Call-ID
     * @param callerUri        the From header as received (display name allowed), parsed by the policy
     * @param assertedIdentity the P-Asserted-Identity value, or null; trusted only from the SIP server
     * @param source           where the request came from
     * @param targetUser       the user part of the Request-URI, or null when it had none
     */
    record IncomingInvite(String callId, String callerUri, String assertedIdentity, InviteSource source,
            String targetUser) implements CallInput {
        public IncomingInvite {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * The ACK for our 2xx to an incoming INVITE arrived: the incoming dialog is confirmed.
     * {@code media} is what our answer (or the ACK's answer to our offer) agreed, or null when that
     * is unusable (a {@link MediaFailed} follows).
     */
    record IncomingAcknowledged(String callId, AgreedMedia media) implements LegInput {
        public IncomingAcknowledged {
            Objects.requireNonNull(callId, "callId");
        }

        /** An acknowledgement whose media is not known. */
        public IncomingAcknowledged(String callId) {
            this(callId, null);
        }
    }

    /** The caller sent CANCEL before we answered (the adapter already replied 200 and 487). */
    record IncomingCancelled(String callId) implements LegInput {
        public IncomingCancelled {
            Objects.requireNonNull(callId, "callId");
        }
    }

    /** New settings were applied; a call in progress keeps its own; the next call uses these. */
    record SettingsChanged(DeviceSettings settings) implements CallInput {
        public SettingsChanged {
            Objects.requireNonNull(settings, "settings");
        }
    }
}
