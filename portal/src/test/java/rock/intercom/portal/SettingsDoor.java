package rock.intercom.portal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.LiveSettings;
import rock.intercom.settings.SettingsCodec;
import rock.intercom.settings.SettingsValidator;

/**
 * A door behind {@link DeviceControl} with the real settings rules (codec, validator, live apply,
 * secrets kept), kept in memory; no call. For portal tests that need the device's own answers.
 */
final class SettingsDoor extends SettingsBackedDevice {

    SettingsDoor(String yaml) {
        this(new SettingsCodec(), yaml);
    }

    private SettingsDoor(SettingsCodec codec, String yaml) {
        super(new LiveSettings(codec.readYaml(yaml), new SettingsValidator(), applied -> { }), codec);
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
