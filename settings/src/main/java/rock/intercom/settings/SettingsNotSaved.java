package rock.intercom.settings;

import java.io.IOException;

/** Valid settings could not be persisted, so they were not applied; the cause says why. */
public final class SettingsNotSaved extends RuntimeException {

    public SettingsNotSaved(IOException cause) {
        super("settings could not be saved: " + cause.getMessage(), cause);
    }
}
