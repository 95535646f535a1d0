package rock.intercom.settings;

import java.io.IOException;

/** Where applied settings are kept so they survive a restart; {@link SettingsFile} is the device's own. */
@FunctionalInterface
public interface SettingsStore {

    /** Stores {@code settings} durably, all or nothing: on failure the previous copy is intact. */
    void save(DeviceSettings settings) throws IOException;
}
