package rock.intercom.app.door;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/** A relay on a sysfs attribute: {@code 1} energises, {@code 0} releases (GPIO value, LED brightness). */
final class SysfsDoorRelay extends PulsedRelay {

    private final Path attribute;

    SysfsDoorRelay(Path attribute) {
        this.attribute = Objects.requireNonNull(attribute, "attribute");
    }

    @Override
    void write(boolean energised) throws Exception {
        // sysfs attributes take one write of the whole value; no create, no truncate games.
        Files.write(attribute, (energised ? "1" : "0").getBytes(StandardCharsets.US_ASCII),
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    Path attribute() {
        return attribute;
    }
}
