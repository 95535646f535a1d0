package rock.intercom.portal;

import java.util.List;
import java.util.Optional;

/** The door devices this portal manages. Thread-safe; the app module implements it. */
public interface DeviceDirectory {

    /** Every device, in the order the Devices list shows them. */
    List<DeviceControl> devices();

    /**
     * Whether devices enrol at this portal (a central portal): the Devices page then offers
     * enrolment tokens and revocation, and shows each device's link.
     */
    default boolean enrolsDevices() {
        return false;
    }

    default Optional<DeviceControl> find(String id) {
        return devices().stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** A fixed directory, e.g. the one device of {@code ./intercom device}. */
    static DeviceDirectory of(List<? extends DeviceControl> devices) {
        List<DeviceControl> copy = List.copyOf(devices);
        return () -> copy;
    }
}
