package rock.intercom.app.door;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Names of the Linux key codes (linux/input-event-codes.h) a door's call button is wired to in
 * practice: {@code gpio-keys} device trees use {@code KEY_ENTER}, {@code KEY_PROG1},
 * {@code BTN_0}…; USB buttons send keyboard keys. Any other code may be given as a number.
 */
public final class KeyCodes {

    private static final Map<String, Integer> NAMED = Map.ofEntries(
            Map.entry("KEY_ESC", 1), Map.entry("KEY_1", 2), Map.entry("KEY_2", 3), Map.entry("KEY_3", 4),
            Map.entry("KEY_4", 5), Map.entry("KEY_5", 6), Map.entry("KEY_6", 7), Map.entry("KEY_7", 8),
            Map.entry("KEY_8", 9), Map.entry("KEY_9", 10), Map.entry("KEY_0", 11), Map.entry("KEY_ENTER", 28),
            Map.entry("KEY_A", 30), Map.entry("KEY_B", 48), Map.entry("KEY_SPACE", 57),
            Map.entry("KEY_F1", 59), Map.entry("KEY_F2", 60), Map.entry("KEY_F3", 61), Map.entry("KEY_F4", 62),
            Map.entry("KEY_F5", 63), Map.entry("KEY_F6", 64), Map.entry("KEY_F7", 65), Map.entry("KEY_F8", 66),
            Map.entry("KEY_F9", 67), Map.entry("KEY_F10", 68), Map.entry("KEY_F11", 87), Map.entry("KEY_F12", 88),
            Map.entry("KEY_KPENTER", 96), Map.entry("KEY_POWER", 116), Map.entry("KEY_WAKEUP", 143),
            Map.entry("KEY_PROG1", 148), Map.entry("KEY_PROG2", 149), Map.entry("KEY_PHONE", 169),
            Map.entry("KEY_PROG3", 202), Map.entry("KEY_PROG4", 203), Map.entry("KEY_OK", 0x160),
            Map.entry("KEY_SELECT", 0x161), Map.entry("BTN_0", 0x100), Map.entry("BTN_1", 0x101),
            Map.entry("BTN_2", 0x102), Map.entry("BTN_3", 0x103), Map.entry("BTN_4", 0x104),
            Map.entry("BTN_5", 0x105), Map.entry("BTN_6", 0x106), Map.entry("BTN_7", 0x107),
            Map.entry("BTN_8", 0x108), Map.entry("BTN_9", 0x109), Map.entry("BTN_LEFT", 0x110),
            Map.entry("BTN_TRIGGER", 0x120), Map.entry("BTN_SOUTH", 0x130));

    /** Largest key code the kernel defines ({@code KEY_MAX}). */
    static final int KEY_MAX = 0x2ff;

    private KeyCodes() {
    }

    /** The code for {@code KEY_…}/{@code BTN_…} names (any case) or a decimal/0x-hex number up to KEY_MAX. */
    public static Optional<Integer> parse(String text) {
        String name = text.trim().toUpperCase(Locale.ROOT);
        Integer named = NAMED.get(name);
        if (named != null) {
            return Optional.of(named);
        }
        try {
            int code = name.startsWith("0X") ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name);
            return code >= 0 && code <= KEY_MAX ? Optional.of(code) : Optional.empty();
        } catch (NumberFormatException notNumber) {
            return Optional.empty();
        }
    }

    /** True when {@code text} looks like a key name rather than a path segment. */
    static boolean looksLikeKey(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        return upper.startsWith("KEY_") || upper.startsWith("BTN_") || upper.matches("\\d{1,3}|0X[0-9A-F]{1,3}");
    }
}
