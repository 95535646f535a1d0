package rock.intercom.settings;

/** One applied change, as delivered to subscribers of {@link LiveSettings}: what was, and what is now. */
public record SettingsChange(DeviceSettings previous, DeviceSettings current) {
}
