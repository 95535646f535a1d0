package rock.intercom.settings;

import java.util.Objects;
import java.util.function.Function;

/** One applied change, as delivered to subscribers of {@link LiveSettings}: what was, and what is now. */
public record SettingsChange(DeviceSettings previous, DeviceSettings current) {

    /**
     * Whether the part a subscriber cares about differs, e.g. {@code change.changed(s -> s.sip().server())},
     * so a subscriber can skip work (such as re-registering) for changes that do not concern it.
     */
    public boolean changed(Function<DeviceSettings, ?> part) {
        return !Objects.equals(part.apply(previous), part.apply(current));
    }
}
