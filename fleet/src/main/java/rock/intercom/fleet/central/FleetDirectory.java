package rock.intercom.fleet.central;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import rock.intercom.portal.DeviceControl;
import rock.intercom.portal.DeviceDirectory;

/** The central portal's devices: every enrolled, unrevoked device, by id. Thread-safe. */
final class FleetDirectory implements DeviceDirectory {

    private final ConcurrentSkipListMap<String, RemoteDevice> devices = new ConcurrentSkipListMap<>();

    FleetDirectory(FleetRegistry registry) {
        registry.devices().stream().filter(d -> !d.revoked()).forEach(this::add);
    }

    RemoteDevice add(EnrolledDevice enrolled) {
        return devices.compute(enrolled.id(), (id, old) -> old != null ? old : new RemoteDevice(enrolled));
    }

    Optional<RemoteDevice> remote(String id) {
        return Optional.ofNullable(devices.get(id));
    }

    Optional<RemoteDevice> remove(String id) {
        return Optional.ofNullable(devices.remove(id));
    }

    @Override
    public boolean enrolsDevices() {
        return true;
    }

    @Override
    public List<DeviceControl> devices() {
        return List.copyOf(devices.values());
    }

    @Override
    public Optional<DeviceControl> find(String id) {
        return Optional.ofNullable(devices.get(id));
    }
}
