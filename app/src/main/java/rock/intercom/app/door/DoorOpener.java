package rock.intercom.app.door;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.events.EventStore;
import rock.intercom.events.NewEvent;
import rock.intercom.events.SecurityEventName;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.DoorRelease;
import rock.intercom.settings.ReleaseDuring;

/**
 * Opens the door: by the DTMF code during a call (checked by the {@link DoorCodeGuard}) or by an
 * Account Administrator through the API or portal. Every opening and every refused code is a
 * security event; a call records at most {@link DoorCodeGuard#WRONG_PER_CALL} refusals, so digits
 * cannot flood the store. Thread-safe: digits come from the call thread, remote releases from the
 * portal's threads.
 */
public final class DoorOpener {

    private static final Logger log = LoggerFactory.getLogger(DoorOpener.class);

    private final Supplier<DeviceSettings> settings;
    private final DoorRelay relay;
    private final EventStore events;
    private final Clock clock;
    private final DoorCodeGuard guard = new DoorCodeGuard();

    public DoorOpener(Supplier<DeviceSettings> settings, DoorRelay relay, EventStore events, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.relay = Objects.requireNonNull(relay, "relay");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A DTMF digit the remote party of call {@code callId} sent (RFC 4733 or SIP INFO). Ignored
     * when door release is off or not allowed during this kind of call.
     */
    public synchronized void digit(String callId, boolean incoming, String remoteParty, char digit) {
        DeviceSettings now = settings.get();
        DoorRelease release = now.door().release();
        if (!release.enabled() || !release.codeSet()
                || !release.during().contains(incoming ? ReleaseDuring.INCOMING : ReleaseDuring.OUTGOING)) {
            return;
        }
        DoorCodeGuard.Verdict verdict = guard.digit(callId, digit, release.dtmfCode(), clock.instant());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("by", "DTMF");
        details.put("callId", callId);
        details.put("remote", remoteParty == null ? "" : remoteParty);
        if (verdict instanceof DoorCodeGuard.Verdict.Open) {
            pulse(now, release, details);
        } else if (verdict instanceof DoorCodeGuard.Verdict.Refused refused) {
            details.put("reason", refused.reason());
            details.put("attempt", refused.attempt());
            details.put("of", DoorCodeGuard.WRONG_PER_CALL);
            record(now, SecurityEventName.DOOR_RELEASE_REFUSED, details);
            if (refused.lockedNow()) {
                Map<String, Object> lock = new LinkedHashMap<>();
                lock.put("wrongCodes", DoorCodeGuard.WRONG_PER_DEVICE);
                lock.put("within", DoorCodeGuard.WINDOW.toMinutes() + " min");
                lock.put("until", refused.lockedUntil().toString());
                record(now, SecurityEventName.DOOR_RELEASE_LOCKED, lock);
            }
        }
    }

    /** An administrator's remote release; empty when the door was opened, else why not. */
    public synchronized Optional<String> openBy(String user, String channel) {
        DeviceSettings now = settings.get();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("by", channel);
        details.put("user", user);
        return pulse(now, now.door().release(), details);
    }

    private Optional<String> pulse(DeviceSettings now, DoorRelease release, Map<String, Object> details) {
        Duration length = Duration.ofSeconds(release.pulseSeconds());
        try {
            relay.pulse(length);
        } catch (RuntimeException failed) {
            String reason = failed.getMessage() == null ? failed.toString() : failed.getMessage();
            details.put("reason", reason);
            record(now, SecurityEventName.DOOR_RELEASE_REFUSED, details);
            return Optional.of(reason);
        }
        details.put("pulse", release.pulseSeconds() + " s");
        record(now, SecurityEventName.DOOR_OPENED, details);
        return Optional.empty();
    }

    private void record(DeviceSettings now, SecurityEventName name, Map<String, Object> details) {
        log.info("{} {}", name.label(), details);
        try {
            events.append(NewEvent.of(now.device().id(), name, details));
        } catch (RuntimeException e) {
            log.warn("could not record {}: {}", name.label(), e.toString());
        }
    }
}
