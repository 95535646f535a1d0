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

    public void settingsChanged(String deviceId, PortalUser user, String via, List<String> changedFields) {
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
        events.append(NewEvent.of(deviceId, SecurityEventName.SETTINGS_CHANGED, details));
    }
}
