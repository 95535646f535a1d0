package rock.intercom.app.door;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The door strike's relay: energised for a pulse, then released. {@code --door-relay}
 * {@code sysfs:PATH} (a GPIO {@code value} or a {@code gpio-leds} {@code brightness} file) or
 * {@code gpio:CHIP:LINE} (libgpiod's {@code gpioset}).
 */
public interface DoorRelay extends AutoCloseable {

    /** Energises the relay now and releases it after {@code length}; a pulse under way is extended. */
    void pulse(Duration length);

    /** Releases the relay (a door is never left open by a stopping device). */
    @Override
    void close();

    /** No relay wired: door release is refused with this reason. */
    DoorRelay NONE = new DoorRelay() {
        @Override
        public void pulse(Duration length) {
            throw new IllegalStateException("no door relay configured (--door-relay)");
        }

        @Override
        public void close() {
        }
    };

    /** The relay for a {@code --door-relay} value; the message of the exception says what is wrong. */
    static DoorRelay parse(String spec) {
        String text = spec == null ? "" : spec.trim();
        if (text.startsWith("sysfs:")) {
            String path = text.substring("sysfs:".length());
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("expected sysfs:/absolute/path, e.g. sysfs:/sys/class/leds/door/brightness");
            }
            return new SysfsDoorRelay(Path.of(path));
        }
        if (text.startsWith("gpio:")) {
            String[] parts = text.substring("gpio:".length()).split(":", -1);
            if (parts.length != 2 || parts[0].isBlank() || !parts[1].matches("\\d{1,4}")) {
                throw new IllegalArgumentException("expected gpio:CHIP:LINE, e.g. gpio:gpiochip0:18");
            }
            return new GpiosetDoorRelay(parts[0], Integer.parseInt(parts[1]));
        }
        throw new IllegalArgumentException("expected sysfs:PATH or gpio:CHIP:LINE");
    }
}
