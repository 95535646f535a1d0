package rock.intercom.fleet.central;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import rock.intercom.portal.DeviceControl;
import rock.intercom.portal.DeviceDirectory;

/** The central portal's devices: every enrolled, unrevoked device, by id. Thread-safe. */
final class FleetDirectory implements DeviceDirectory {

    private final FleetRegistry registry;
    private final ConcurrentSkipListMap<String, RemoteDevice> devices = new ConcurrentSkipListMap<>();

    FleetDirectory(FleetRegistry registry) {
        this.registry = registry;
        registry.devices().stream().filter(d -> !d.revoked()).forEach(this::add);
    }

    RemoteDevice add(EnrolledDevice enrolled) {
        return devices.compute(enrolled.id(), (id, old) -> old != null ? old : new RemoteDevice(enrolled));
    }

    Optional<RemoteDevice> remote(String id) {
        return Optional.ofNullable(devices.get(id));
    }

    /**
     * The device {@code id} once it authenticated: also one that another portal process on the same
     * database enrolled after this one read the registry.
     */
    Optional<RemoteDevice> enrolled(String id) {
        return remote(id).or(() -> registry.find(id).filter(d -> !d.revoked()).map(this::add));
    }

    Optional<RemoteDevice> remove(String id) {
        return Optional.ofNullable(devices.remove(id));
    }

    /** The devices whose link is open to this process. */
    List<RemoteDevice> linked() {
        return devices.values().stream().filter(d -> d.link() != null).toList();
    }

    /**
     * Reads the registry again (other portal processes enrol and revoke too): adds new devices,
     * drops revoked ones and closes their links.
     */
    void refresh() {
        for (EnrolledDevice enrolled : registry.devices()) {
            if (!enrolled.revoked()) {
                add(enrolled);
            } else {
                remove(enrolled.id()).map(RemoteDevice::link).ifPresent(link -> link.close("credential revoked"));
            }
        }
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
