package rock.intercom.settings;

import java.util.List;

/**
 * Door release from the guard's phone: a DTMF code that, during the chosen calls, pulses the door
 * relay for {@code pulseSeconds}. The code is a secret like a password: never returned by the API
 * ({@code dtmfCodeSet} instead) and kept when an update leaves it out.
 */
public record DoorRelease(boolean enabled, String dtmfCode, Integer pulseSeconds, List<ReleaseDuring> during) {

    public static final int DEFAULT_PULSE_SECONDS = 5;
    public static final DoorRelease DEFAULTS = new DoorRelease(false, null, DEFAULT_PULSE_SECONDS,
            List.of(ReleaseDuring.INCOMING, ReleaseDuring.OUTGOING));

    public DoorRelease {
        pulseSeconds = pulseSeconds == null ? DEFAULT_PULSE_SECONDS : pulseSeconds;
        during = during == null ? DEFAULTS_DURING : List.copyOf(during);
    }

    private static final List<ReleaseDuring> DEFAULTS_DURING = List.of(ReleaseDuring.INCOMING, ReleaseDuring.OUTGOING);

    /** Whether a code is stored (what the API shows instead of the code). */
    public boolean codeSet() {
        return dtmfCode != null && !dtmfCode.isEmpty();
    }
}
