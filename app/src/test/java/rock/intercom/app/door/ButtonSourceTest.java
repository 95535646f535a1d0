package rock.intercom.app.door;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ButtonSourceTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "evdev:/dev/input/event3                                                | /dev/input/event3 | -1",
            "evdev:/dev/input/by-path/platform-gpio-keys-event:KEY_PROG1            | /dev/input/by-path/platform-gpio-keys-event | 148",
            "evdev:/dev/input/by-path/pci-0000:00:14.0-usb-0:1:1.0-event-kbd        | /dev/input/by-path/pci-0000:00:14.0-usb-0:1:1.0-event-kbd | -1",
            "evdev:/dev/input/by-path/pci-0000:00:14.0-usb-0:1:1.0-event-kbd:key_enter | /dev/input/by-path/pci-0000:00:14.0-usb-0:1:1.0-event-kbd | 28",
            "evdev:/dev/input/event0:BTN_0                                          | /dev/input/event0 | 256",
            "evdev:/dev/input/event0:0x104                                          | /dev/input/event0 | 260",
    })
    void evdevPathAndKey(String spec, String path, int code) {
        assertThat(ButtonSource.parse(spec)).isEqualTo(new ButtonSource.Evdev(Path.of(path), code));
    }

    @Test
    void gpioChipLineAndEdge() {
        assertThat(ButtonSource.parse("gpio:gpiochip0:17")).isEqualTo(new ButtonSource.Gpio("gpiochip0", 17, false));
        assertThat(ButtonSource.parse("gpio:gpiochip1:4:falling")).isEqualTo(new ButtonSource.Gpio("gpiochip1", 4, true));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "                                 | expected evdev:PATH[:KEY_NAME] or gpio:CHIP:LINE",
            "usb:3                            | expected evdev:PATH[:KEY_NAME] or gpio:CHIP:LINE",
            "evdev:event3                     | must be absolute",
            "evdev:/dev/input/event3:KEY_NOPE | unknown key name 'KEY_NOPE'",
            "evdev:/dev/input/event3:999      | unknown key name '999'",
            "gpio:gpiochip0                   | expected gpio:CHIP:LINE[:falling]",
            "gpio:gpiochip0:x                 | GPIO line must be a number",
            "gpio:gpiochip0:3:sideways        | expected gpio:CHIP:LINE[:falling]",
    })
    void badSpecsSayWhatIsWrong(String spec, String message) {
        assertThatThrownBy(() -> ButtonSource.parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void inputEventRoundTripsThe64BitLayout() {
        byte[] record = new InputEvent(InputEvent.EV_KEY, 148, 1).encode();
        assertThat(record).hasSize(24);
        // type at byte 16, code at 18, value at 20, little-endian
        assertThat(record[16]).isEqualTo((byte) 1);
        assertThat(record[18]).isEqualTo((byte) 148);
        assertThat(record[20]).isEqualTo((byte) 1);
        assertThat(InputEvent.decode(ByteBuffer.wrap(record))).isEqualTo(new InputEvent(1, 148, 1));
    }

    @ParameterizedTest(name = "type {0} code {1} value {2}, wanted {3} → {4}")
    @CsvSource({
            "1, 28, 1, 28, true",
            "1, 28, 1, -1, true",
            "1, 28, 0, 28, false",
            "1, 28, 2, 28, false",
            "1, 29, 1, 28, false",
            "4, 28, 1, -1, false",
            "0, 0, 0, -1, false",
    })
    void onlyAKeyGoingDownIsAPress(int type, int code, int value, int wanted, boolean press) {
        assertThat(new InputEvent(type, code, value).isPressOf(wanted)).isEqualTo(press);
    }

    @Test
    void doorRelaySpecs() {
        assertThat(DoorRelay.parse("sysfs:/sys/class/leds/door/brightness")).isInstanceOf(SysfsDoorRelay.class);
        assertThat(DoorRelay.parse("gpio:gpiochip0:18")).isInstanceOf(GpiosetDoorRelay.class);
        assertThatThrownBy(() -> DoorRelay.parse("sysfs:relative")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> DoorRelay.parse("gpio:chip")).hasMessageContaining("gpio:CHIP:LINE");
        assertThatThrownBy(() -> DoorRelay.parse("relay")).hasMessageContaining("sysfs:PATH or gpio:CHIP:LINE");
    }
}
