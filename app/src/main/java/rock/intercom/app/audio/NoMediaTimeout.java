package rock.intercom.app.audio;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.settings.DeviceSettings;

/**
 * N of issue 6's "no media for N seconds after answer ends the call with {@code no audio
 * received}": the custom configuration key {@value #KEY} (whole seconds, {@value #MIN_SECONDS} to
 * {@value #MAX_SECONDS}); without it, or with a value outside that, {@value #DEFAULT_SECONDS} s —
 * long enough for a slow early-media-to-answer switch, short enough to notice one-way audio.
 */
public final class NoMediaTimeout {
    /** The custom configuration key. */
    public static final String KEY = "intercom.no_media_timeout_seconds";
    public static final int DEFAULT_SECONDS = 10;
    public static final int MIN_SECONDS = 1;
    public static final int MAX_SECONDS = 3600;

    private static final Logger LOG = LoggerFactory.getLogger(NoMediaTimeout.class);

    private NoMediaTimeout() {
    }

    /** The timeout the settings ask for; a bad value is logged once per call and the default used. */
    public static Duration of(DeviceSettings settings) {
        String text = settings == null ? null : settings.customConfiguration().get(KEY);
        if (text == null) {
            return Duration.ofSeconds(DEFAULT_SECONDS);
        }
        try {
            int seconds = Integer.parseInt(text.trim());
            if (seconds >= MIN_SECONDS && seconds <= MAX_SECONDS) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException notANumber) {
            // Falls through to the warning below.
        }
        LOG.warn("custom configuration {}='{}' is not a whole number of seconds in {}-{}; using {} s", KEY, text,
                MIN_SECONDS, MAX_SECONDS, DEFAULT_SECONDS);
        return Duration.ofSeconds(DEFAULT_SECONDS);
    }
}
