package rock.intercom.app.door;

/** A physical input of the door (the call button) that reports presses and its own presence. */
public interface WiredInput extends AutoCloseable {

    /** What an input reports; called from the input's own thread, so implementations post and return. */
    interface Listener {
        void pressed();

        /** The input went away (unplugged, driver gone, cannot be opened); reported once until restored. */
        void lost(String reason);

        /** The input is back after {@link #lost}. */
        void restored();
    }

    /** Starts reading on a thread of the input's own. */
    void start(Listener listener);

    /** Stops reading and releases the device. */
    @Override
    void close();

    /** The input for a {@code --button} value. */
    static WiredInput of(ButtonSource source) {
        if (source instanceof ButtonSource.Evdev evdev) {
            return new EvdevButton(evdev);
        }
        return new GpioButton((ButtonSource.Gpio) source);
    }
}
