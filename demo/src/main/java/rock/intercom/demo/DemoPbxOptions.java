package rock.intercom.demo;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the {@link DemoPbx}; immutable, validated on construction.
 *
 * @param port               SIP port for UDP and TCP on 127.0.0.1; 0 picks a free one
 * @param users              extension → password of the users allowed to register and call
 * @param guardDeskExtension the built-in extension that answers with a tone
 * @param ringDelay          how long the guard desk rings before it answers
 * @param toneHz             frequency of the tone the guard desk plays
 */
public record DemoPbxOptions(int port, Map<String, String> users, String guardDeskExtension, Duration ringDelay,
                             double toneHz) {
    /** The guard desk extension of the product guide's examples. */
    public static final String GUARD_DESK = "400";
    public static final Duration DEFAULT_RING_DELAY = Duration.ofSeconds(1);
    public static final double DEFAULT_TONE_HZ = 440;

    public DemoPbxOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be within 0..65535: " + port);
        }
        users = Map.copyOf(Objects.requireNonNull(users, "users"));
        users.forEach((user, password) -> {
            if (!isExtension(user)) {
                throw new IllegalArgumentException("user must be an extension of digits and letters: " + user);
            }
            if (password.isEmpty()) {
                throw new IllegalArgumentException("user " + user + " needs a password");
            }
        });
        if (!isExtension(Objects.requireNonNull(guardDeskExtension, "guardDeskExtension"))) {
            throw new IllegalArgumentException("bad guard desk extension: " + guardDeskExtension);
        }
        if (users.containsKey(guardDeskExtension)) {
            throw new IllegalArgumentException("the guard desk extension " + guardDeskExtension + " is built in");
        }
        if (ringDelay.isNegative() || ringDelay.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("ring delay must be within 0..60 s");
        }
        if (!(toneHz >= 50 && toneHz <= 3500)) {
            throw new IllegalArgumentException("tone must be within 50..3500 Hz");
        }
    }

    /** Defaults: guard desk 400, one second of ringing, 440 Hz. */
    public static DemoPbxOptions of(int port, Map<String, String> users) {
        return new DemoPbxOptions(port, users, GUARD_DESK, DEFAULT_RING_DELAY, DEFAULT_TONE_HZ);
    }

    public DemoPbxOptions withRingDelay(Duration delay) {
        return new DemoPbxOptions(port, users, guardDeskExtension, delay, toneHz);
    }

    private static boolean isExtension(String s) {
        return s.matches("[A-Za-z0-9._-]{1,32}");
    }

    @Override
    public String toString() {
        // Passwords never appear in logs.
        return "DemoPbxOptions[port=" + port + ", users=" + users.keySet() + ", guardDeskExtension="
            + guardDeskExtension + ", ringDelay=" + ringDelay + ", toneHz=" + toneHz + "]";
    }
}
