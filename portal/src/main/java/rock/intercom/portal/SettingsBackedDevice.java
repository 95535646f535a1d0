package rock.intercom.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import rock.intercom.settings.LiveSettings;
import rock.intercom.settings.SettingsCodec;

/**
 * A {@link DeviceControl} whose id, name and settings come from its {@link LiveSettings}: a door and
 * a fleet's simulated door answer those the same way and differ in status and commands.
 */
public abstract class SettingsBackedDevice implements DeviceControl {

    protected final LiveSettings settings;
    protected final SettingsCodec codec;

    protected SettingsBackedDevice(LiveSettings settings, SettingsCodec codec) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.codec = Objects.requireNonNull(codec, "codec");
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
        return SettingsApplier.apply(settings, codec, document);
    }
}
