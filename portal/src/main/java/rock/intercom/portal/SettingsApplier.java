package rock.intercom.portal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.LiveSettings;
import rock.intercom.settings.SettingsCodec;
import rock.intercom.settings.SettingsNotSaved;
import rock.intercom.settings.SettingsRejected;

/**
 * How every {@link DeviceControl} applies a settings document to its {@link LiveSettings}: read,
 * refuse a change of the device's id (it names the device in URLs and events), apply atomically,
 * and answer with the redacted view or every error. Stateless.
 */
public final class SettingsApplier {

    private SettingsApplier() {
    }

    public static ApplyResult apply(LiveSettings settings, SettingsCodec codec, JsonNode document) {
        try {
            DeviceSettings update = codec.read(document);
            String id = settings.current().device().id();
            if (update.device() == null || !id.equals(update.device().id())) {
                return ApplyResult.rejected(Map.of("device.id",
                        "cannot change a device's id (it names the device in URLs and events)"));
            }
            return ApplyResult.applied(codec.redactedTree(settings.applyUpdate(update)));
        } catch (SettingsRejected rejected) {
            return ApplyResult.rejected(rejected.errors());
        } catch (SettingsNotSaved notSaved) {
            return ApplyResult.rejected(Map.of("", "settings could not be saved: " + notSaved.getMessage()));
        }
    }
}
