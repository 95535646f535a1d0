package rock.intercom.fleet.central;

import java.util.List;
import java.util.Optional;
import rock.intercom.portal.DeviceControl;
import rock.intercom.portal.DeviceDirectory;

/**
 * The devices of a portal that runs beside other portal processes: every enrolled device (the
 * registry read again at most every {@link #REFRESH_MS}, since the others enrol and revoke too),
 * each a {@link RoutedDevice} reaching its link wherever it is. Thread-safe.
 */
final class RoutedDirectory implements DeviceDirectory {

    private static final long REFRESH_MS = 2000;

    private final FleetDirectory local;
    private final OtherPortals others;
    private volatile long refreshedAt;

    RoutedDirectory(FleetDirectory local, LinkBoard board, CommandRelay relay) {
        this.local = local;
        this.others = new OtherPortals(board, relay);
    }

    @Override
    public List<DeviceControl> devices() {
        refreshNowAndThen();
        return local.devices().stream().map(d -> (DeviceControl) route((RemoteDevice) d)).toList();
    }

    @Override
    public Optional<DeviceControl> find(String id) {
        refreshNowAndThen();
        return local.remote(id).map(this::route);
    }

    private RoutedDevice route(RemoteDevice device) {
        return new RoutedDevice(device, others);
    }

    private void refreshNowAndThen() {
        long now = System.currentTimeMillis();
        if (now - refreshedAt >= REFRESH_MS) {
            refreshedAt = now;
            local.refresh();
        }
    }
}
