package rock.intercom.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.LiveSettings;
import rock.intercom.settings.SettingsCodec;
import rock.intercom.settings.SettingsRejected;
import rock.intercom.settings.SettingsValidator;

/**
 * A door behind {@link DeviceControl} with the real settings rules (codec, validator, live apply,
 * secrets kept), kept in memory; no call. For portal tests that need the device's own answers.
 */
final class SettingsDoor implements DeviceControl {

    private final SettingsCodec codec = new SettingsCodec();
    private final LiveSettings settings;

    SettingsDoor(String yaml) {
        settings = new LiveSettings(codec.readYaml(yaml), new SettingsValidator(), applied -> { });
    }

    @Override
    public String id() {
        return settings.current().device().id();
    }

    @Override
    public String name() {
        return settings.current().device().name();
    }

    @Override
    public ObjectNode settingsView() {
        return codec.redactedTree(settings.current());
    }

    @Override
    public ApplyResult applySettings(JsonNode document) {
        try {
            return ApplyResult.applied(codec.redactedTree(settings.applyUpdate(codec.read(document))));
        } catch (SettingsRejected rejected) {
            return ApplyResult.rejected(rejected.errors());
        }
    }

    @Override
    public ObjectNode status() {
        return Json.object().put("registration", "SIP disabled").put("screen", "Idle");
    }

    @Override
    public void pressButton() {
    }

    DeviceSettings current() {
        return settings.current();
    }
}
