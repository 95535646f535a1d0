package rock.intercom.portal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rock.intercom.events.EventStore;
import rock.intercom.events.NewEvent;
import rock.intercom.events.SecurityEventName;
import rock.intercom.portal.auth.PortalUser;

/** Records who did what in the portal as security events, next to the device's own events. */
public final class AuditLog {

    /** Portal sign-ins are not about a device: they carry no device id. */
    public static final String SIGNED_IN = "Signed In";

    private final EventStore events;

    public AuditLog(EventStore events) {
        this.events = events;
    }

    public void signedIn(PortalUser user, String ip) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("user", user.username());
        details.put("role", user.role().name());
        details.put("ip", ip);
        events.append(new NewEvent(null, SIGNED_IN, details));
    }

    public void settingsChanged(String deviceId, PortalUser user, String via, List<String> changedFields) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("user", user.username());
        details.put("via", via);
        details.put("changed", List.copyOf(changedFields));
        events.append(NewEvent.of(deviceId, SecurityEventName.SETTINGS_CHANGED, details));
    }
}
