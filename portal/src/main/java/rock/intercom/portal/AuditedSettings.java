package rock.intercom.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import rock.intercom.portal.auth.PortalUser;

/** Applies a settings document to a device and, when it took effect, records who changed which fields. */
public final class AuditedSettings {

    private final AuditLog audit;

    public AuditedSettings(AuditLog audit) {
        this.audit = audit;
    }

    public ApplyResult apply(DeviceControl device, JsonNode document, PortalUser who, String via) {
        ObjectNode before = device.settingsView();
        ApplyResult result = device.applySettings(document);
        if (result instanceof ApplyResult.Applied applied) {
            audit.settingsChanged(device.id(), who, via,
                    SettingsDiff.changedFields(before, applied.settings(), document));
        }
        return result;
    }
}
