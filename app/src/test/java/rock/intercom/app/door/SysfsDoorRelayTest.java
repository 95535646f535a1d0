package rock.intercom.app.door;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Given a file standing in for a sysfs GPIO value, a pulse writes 1 and then 0 after its length. */
class SysfsDoorRelayTest {

    @TempDir
    Path dir;

    @Test
    void aPulseEnergisesThenReleases() throws Exception {
        Path value = Files.writeString(dir.resolve("value"), "0");
        try (DoorRelay relay = DoorRelay.parse("sysfs:" + value)) {
            long start = System.nanoTime();
            relay.pulse(Duration.ofMillis(300));
            assertThat(Files.readString(value)).isEqualTo("1");
            await().atMost(Duration.ofSeconds(3)).until(() -> Files.readString(value).equals("0"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void closingDuringAPulseReleasesTheDoor() throws Exception {
        Path value = Files.writeString(dir.resolve("value"), "0");
        DoorRelay relay = DoorRelay.parse("sysfs:" + value);
        relay.pulse(Duration.ofMinutes(5));
        assertThat(Files.readString(value)).isEqualTo("1");
        relay.close();
        assertThat(Files.readString(value)).isEqualTo("0");
    }

    @Test
    void aMissingAttributeIsAnErrorNotASilentSuccess() {
        try (DoorRelay relay = DoorRelay.parse("sysfs:" + dir.resolve("no-such-gpio/value"))) {
            assertThatThrownBy(() -> relay.pulse(Duration.ofSeconds(1))).hasMessageContaining("door relay");
        }
    }
}
