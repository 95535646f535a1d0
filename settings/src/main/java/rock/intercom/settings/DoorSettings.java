package rock.intercom.settings;

/** The door itself: release from the guard's phone, and the call-progress tones the visitor hears. */
public record DoorSettings(DoorRelease release, ToneRegion callProgressTones) {

    public static final DoorSettings DEFAULTS = new DoorSettings(DoorRelease.DEFAULTS, ToneRegion.EUROPE);

    public DoorSettings {
        release = release == null ? DoorRelease.DEFAULTS : release;
        callProgressTones = callProgressTones == null ? ToneRegion.EUROPE : callProgressTones;
    }
}
