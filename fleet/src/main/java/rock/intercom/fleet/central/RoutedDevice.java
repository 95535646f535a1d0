package rock.intercom.fleet.central;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import rock.intercom.portal.ApplyResult;
import rock.intercom.portal.DeviceControl;
import rock.intercom.portal.PortalProblem;

/**
 * A device as one of several portal processes sees it: linked here, it is its {@link RemoteDevice};
 * linked to another live process, its status and settings come from the {@link LinkBoard} and its
 * commands go through the {@link CommandRelay} to that process ({@link OtherPortals}), whose answer
 * (applied settings, field errors, door result) comes back to the caller here. Thread-safe.
 */
final class RoutedDevice implements DeviceControl {

    private final RemoteDevice local;
    private final OtherPortals others;

    RoutedDevice(RemoteDevice local, OtherPortals others) {
        this.local = local;
        this.others = others;
    }

    @Override
    public String id() {
        return local.id();
    }

    @Override
    public String name() {
        return elsewhere().map(e -> e.status().path("name").asText(local.name())).orElse(local.name());
    }

    @Override
    public ObjectNode settingsView() {
        if (local.link() == null) {
            Optional<ObjectNode> reported = others.settingsOf(id());
            if (reported.isPresent()) {
                return reported.get();
            }
        }
        return local.settingsView();
    }

    @Override
    public ApplyResult applySettings(JsonNode document) {
        Optional<LinkBoard.Entry> holder = elsewhere();
        if (holder.isEmpty()) {
            return local.applySettings(document);
        }
        try {
            return RelayedCommand.applyResult(id(), others.relay(holder.get(), id(),
                    RelayedCommand.applySettings(document)));
        } catch (TimeoutException e) {
            return RelayedCommand.notAnswered(id(), e.getMessage());
        }
    }

    @Override
    public ObjectNode status() {
        if (local.link() != null) {
            return local.status();
        }
        return others.statusOf(id()).orElseGet(local::status);
    }

    @Override
    public void pressButton() {
        Optional<LinkBoard.Entry> holder = elsewhere();
        if (holder.isEmpty()) {
            local.pressButton();
            return;
        }
        try {
            RelayedCommand.checked(others.relay(holder.get(), id(), RelayedCommand.pressButton()));
        } catch (TimeoutException e) {
            throw new PortalProblem(504, "device '" + id() + "': " + e.getMessage());
        }
    }

    @Override
    public Optional<String> openDoor(String user, String channel) {
        Optional<LinkBoard.Entry> holder = elsewhere();
        if (holder.isEmpty()) {
            return local.openDoor(user, channel);
        }
        try {
            return RelayedCommand.doorResult(others.relay(holder.get(), id(), RelayedCommand.openDoor(user, channel)));
        } catch (TimeoutException e) {
            return Optional.of("no answer from device '" + id() + "': " + e.getMessage());
        }
    }

    /** The live process holding this device's link, when that is not this one. */
    private Optional<LinkBoard.Entry> elsewhere() {
        return local.link() != null ? Optional.empty() : others.holderOf(id());
    }
}
