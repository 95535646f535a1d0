package rock.intercom.app.door;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the wired call button is read from, as given by {@code --button}:
 * {@code evdev:/dev/input/by-path/…-event[:KEY_NAME]} (any key press when no name) or
 * {@code gpio:CHIP:LINE[:falling]} (libgpiod's {@code gpiomon}; a rising edge is a press unless
 * {@code falling}).
 */
public sealed interface ButtonSource {

    /** A Linux input-event device (or a FIFO carrying the same records); {@code keyCode} -1: any key. */
    record Evdev(Path path, int keyCode) implements ButtonSource {
        public Evdev {
            Objects.requireNonNull(path, "path");
        }
    }

    /** A GPIO line watched through {@code gpiomon}. */
    record Gpio(String chip, int line, boolean fallingEdge) implements ButtonSource {
        public Gpio {
            Objects.requireNonNull(chip, "chip");
        }
    }

    /** Parses a {@code --button} value; the message of the exception says what is wrong. */
    static ButtonSource parse(String spec) {
        String text = spec == null ? "" : spec.trim();
        if (text.startsWith("evdev:")) {
            String rest = text.substring("evdev:".length());
            int colon = rest.lastIndexOf(':');
            // by-path names contain colons themselves (pci-0000:00:14.0-usb-0:1:1.0-event-kbd).
            if (colon > 0 && KeyCodes.looksLikeKey(rest.substring(colon + 1))) {
                String key = rest.substring(colon + 1);
                int code = KeyCodes.parse(key).orElseThrow(() ->
                        new IllegalArgumentException("unknown key name '" + key + "' (use KEY_…, BTN_… or a number)"));
                return new Evdev(path(rest.substring(0, colon)), code);
            }
            return new Evdev(path(rest), -1);
        }
        if (text.startsWith("gpio:")) {
            String[] parts = text.substring("gpio:".length()).split(":", -1);
            if (parts.length < 2 || parts.length > 3 || parts[0].isBlank()
                    || (parts.length == 3 && !parts[2].toLowerCase(Locale.ROOT).equals("falling"))) {
                throw new IllegalArgumentException("expected gpio:CHIP:LINE[:falling], e.g. gpio:gpiochip0:17");
            }
            return new Gpio(parts[0], line(parts[1]), parts.length == 3);
        }
        throw new IllegalArgumentException("expected evdev:PATH[:KEY_NAME] or gpio:CHIP:LINE");
    }

    private static Path path(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("the input device path must be absolute, got '" + text + "'");
        }
        return Path.of(text);
    }

    private static int line(String text) {
        try {
            int line = Integer.parseInt(text);
            if (line >= 0 && line < 1024) {
                return line;
            }
        } catch (NumberFormatException notNumber) {
            // reported below
        }
        throw new IllegalArgumentException("GPIO line must be a number 0-1023, got '" + text + "'");
    }
}
