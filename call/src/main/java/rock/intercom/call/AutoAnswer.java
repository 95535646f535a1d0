package rock.intercom.call;

import java.time.Duration;
import rock.intercom.settings.DeviceSettings;

/**
 * How long an allowed incoming call rings before the door answers it (intercoms auto-answer).
 * Set by the custom configuration key {@value #DELAY_KEY} in milliseconds, 0 to
 * {@value #MAX_DELAY_MS}; absent or invalid means 0, answer at once. Stateless.
 */
public final class AutoAnswer {

    /** Custom configuration key of the auto-answer delay in milliseconds. */
    public static final String DELAY_KEY = "intercom.incoming_answer_delay_ms";
    /** Longer delays are capped: the caller's own timeout would end the call first. */
    public static final long MAX_DELAY_MS = 60_000;

    private AutoAnswer() {
    }

    /** The delay the settings ask for, or zero. */
    public static Duration delay(DeviceSettings settings) {
        String value = settings == null ? null : settings.customConfiguration().get(DELAY_KEY);
        if (value == null) {
            return Duration.ZERO;
        }
        try {
            long millis = Long.parseLong(value.trim());
            return millis <= 0 ? Duration.ZERO : Duration.ofMillis(Math.min(millis, MAX_DELAY_MS));
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }
}
