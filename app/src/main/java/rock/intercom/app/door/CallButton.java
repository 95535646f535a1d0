package rock.intercom.app.door;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.events.EventStore;
import rock.intercom.events.NewEvent;
import rock.intercom.events.SecurityEventName;

/**
 * The wired call button as the device uses it: each press is handed to {@code onPress} (the call
 * controller's queue, which debounces), and the input going away or coming back is recorded as
 * {@code Input Lost} / {@code Input Restored}. Threading: called on the input's own thread; posts
 * and appends only.
 */
public final class CallButton implements WiredInput.Listener {

    private static final Logger log = LoggerFactory.getLogger(CallButton.class);

    private final String source;
    private final Runnable onPress;
    private final EventStore events;
    private final Supplier<String> deviceId;

    public CallButton(String source, Runnable onPress, EventStore events, Supplier<String> deviceId) {
        this.source = Objects.requireNonNull(source, "source");
        this.onPress = Objects.requireNonNull(onPress, "onPress");
        this.events = Objects.requireNonNull(events, "events");
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
    }

    /** Starts reading {@code button} and reporting here; the returned input must be closed. */
    public static WiredInput start(ButtonSource button, Runnable onPress, EventStore events, Supplier<String> deviceId) {
        WiredInput input = WiredInput.of(button);
        input.start(new CallButton(describe(button), onPress, events, deviceId));
        return input;
    }

    /** The input as given on the command line, for logs and events. */
    public static String describe(ButtonSource button) {
        if (button instanceof ButtonSource.Evdev evdev) {
            return "evdev:" + evdev.path() + (evdev.keyCode() < 0 ? "" : ":" + evdev.keyCode());
        }
        ButtonSource.Gpio gpio = (ButtonSource.Gpio) button;
        return "gpio:" + gpio.chip() + ":" + gpio.line();
    }

    @Override
    public void pressed() {
        onPress.run();
    }

    @Override
    public void lost(String reason) {
        record(SecurityEventName.INPUT_LOST, Map.of("input", "call button", "source", source, "reason", reason));
    }

    @Override
    public void restored() {
        record(SecurityEventName.INPUT_RESTORED, Map.of("input", "call button", "source", source));
    }

    private void record(SecurityEventName name, Map<String, Object> details) {
        try {
            events.append(NewEvent.of(deviceId.get(), name, details));
        } catch (RuntimeException e) {
            log.warn("could not record {}: {}", name.label(), e.toString());
        }
    }
}
