package rock.intercom.portal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.events.EventStore;
import rock.intercom.events.NewEvent;
import rock.intercom.events.SecurityEventName;
import rock.intercom.portal.auth.PortalUser;

/** Records who did what in the portal as security events, next to the device's own events. */
public final class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    /** The event name of a portal sign-in. */
    public static final String SIGNED_IN = "Signed In";
    /** Sign-ins are about the portal, not a door: they are recorded under this source id. */
    public static final String PORTAL_SOURCE = "portal";
    /** At most this many field paths are named in one Settings Changed event. */
    public static final int MAX_LISTED_FIELDS = 40;

    private final EventStore events;
    private final Optional<SecurityEventName> signedIn = SecurityEventName.fromLabel(SIGNED_IN);

    public AuditLog(EventStore events) {
        this.events = events;
        if (signedIn.isEmpty()) {
            LOG.warn("the event store knows no '{}' event: sign-ins go to this log only", SIGNED_IN);
        }
    }

    /** Whether sign-ins become stored security events (the store accepts only names it knows). */
    public boolean recordsSignIns() {
        return signedIn.isPresent();
    }

    public void signedIn(PortalUser user, String ip) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("user", user.username());
        details.put("role", user.role().name());
        details.put("ip", String.valueOf(ip));
        if (signedIn.isPresent()) {
            events.append(NewEvent.of(PORTAL_SOURCE, signedIn.get(), details));
        } else {
            LOG.info("{}: {}", SIGNED_IN, details);
        }
    }

    /** At most this many Sign-In Failed events a minute; the next one says how many were held back. */
    public static final int MAX_FAILED_SIGN_INS_PER_MINUTE = 30;
    private long failureMinute;
    private int failuresThisMinute;
    private int failuresHeldBack;

    /**
     * A wrong password or unknown user. The user name as typed (cut to 64 characters), never the
     * password. A flood is summarised, so guessing cannot fill the event store.
     */
    public void signInFailed(String username, String ip, String via) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("user", cut(username));
        details.put("ip", String.valueOf(ip));
        details.put("via", via);
        synchronized (this) {
            long minute = System.nanoTime() / 60_000_000_000L;
            if (minute != failureMinute) {
                failureMinute = minute;
                failuresThisMinute = 0;
            }
            if (++failuresThisMinute > MAX_FAILED_SIGN_INS_PER_MINUTE) {
                failuresHeldBack++;
                return;
            }
            if (failuresHeldBack > 0) {
                details.put("suppressedBefore", failuresHeldBack);
                failuresHeldBack = 0;
            }
        }
        append(SecurityEventName.SIGN_IN_FAILED, details);
    }

    /** Too many failures: sign-ins for this user name and/or address are refused until {@code until}. */
    public void signInLocked(String username, String ip, String scope, java.time.Instant until) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("user", cut(username));
        details.put("ip", String.valueOf(ip));
        details.put("scope", scope);
        details.put("until", until.toString());
        append(SecurityEventName.SIGN_IN_LOCKED, details);
    }

    /** An administrator (or the user themself) changed a portal user: {@code change} says how; no password is recorded. */
    public void userChanged(PortalUser by, String user, String change) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("user", user);
        details.put("change", change);
        details.put("by", by.username());
        append(SecurityEventName.USER_CHANGED, details);
    }

    private void append(SecurityEventName name, Map<String, Object> details) {
        try {
            events.append(NewEvent.of(PORTAL_SOURCE, name, details));
        } catch (RuntimeException e) {
            LOG.warn("could not record {}: {}", name.label(), e.toString());
        }
    }

    private static String cut(String text) {
        String value = String.valueOf(text);
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }

    public void settingsChanged(String deviceId, PortalUser user, String via, List<String> changedFields) {
        events.append(settingsChangedEvent(deviceId, user, via, changedFields));
    }

    /** The Settings Changed event, for a caller that stores many at once (a fleet-wide push). */
    public static NewEvent settingsChangedEvent(String deviceId, PortalUser user, String via,
            List<String> changedFields) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("user", user.username());
        details.put("via", via);
        if (changedFields.size() > MAX_LISTED_FIELDS) {
            // Event details are bounded in size; name the first fields and count the rest.
            List<String> listed = new java.util.ArrayList<>(changedFields.subList(0, MAX_LISTED_FIELDS));
            listed.add("… and " + (changedFields.size() - MAX_LISTED_FIELDS) + " more");
            details.put("changed", listed);
        } else {
            details.put("changed", List.copyOf(changedFields));
        }
        return NewEvent.of(deviceId, SecurityEventName.SETTINGS_CHANGED, details);
    }
}
