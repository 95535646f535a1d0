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
 * commands go through the {@link CommandRelay} to that process, whose answer (applied settings,
 * field errors, door result) comes back to the caller here. Thread-safe.
 */
final class RoutedDevice implements DeviceControl {

    /** The holder waits {@link RemoteDevice#ANSWER_TIMEOUT} for the device; the relay's way there and back is added. */
    static final java.time.Duration RELAY_TIMEOUT = RemoteDevice.ANSWER_TIMEOUT.plusSeconds(5);

    private final RemoteDevice local;
    private final LinkBoard board;
    private final CommandRelay relay;

    RoutedDevice(RemoteDevice local, LinkBoard board, CommandRelay relay) {
        this.local = local;
        this.board = board;
        this.relay = relay;
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
            Optional<ObjectNode> reported = board.settingsOf(id());
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
            return RelayedCommand.applyResult(id(), relay.relay(holder.get().portalId(), id(),
                    RelayedCommand.applySettings(document), RELAY_TIMEOUT));
        } catch (TimeoutException e) {
            return RelayedCommand.notAnswered(id(), e.getMessage());
        }
    }

    @Override
    public ObjectNode status() {
        if (local.link() != null) {
            return local.status();
        }
        Optional<LinkBoard.Entry> entry = board.find(id());
        if (entry.isEmpty()) {
            return local.status();
        }
        ObjectNode status = entry.get().status().deepCopy();
        boolean online = entry.get().ownerAlive() && !entry.get().portalId().equals(board.portalId());
        status.put("connection", online ? "online" : "offline");
        return status;
    }

    @Override
    public void pressButton() {
        Optional<LinkBoard.Entry> holder = elsewhere();
        if (holder.isEmpty()) {
            local.pressButton();
            return;
        }
        try {
            RelayedCommand.checked(relay.relay(holder.get().portalId(), id(), RelayedCommand.pressButton(),
                    RELAY_TIMEOUT));
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
            return RelayedCommand.doorResult(relay.relay(holder.get().portalId(), id(),
                    RelayedCommand.openDoor(user, channel), RELAY_TIMEOUT));
        } catch (TimeoutException e) {
            return Optional.of("no answer from device '" + id() + "': " + e.getMessage());
        }
    }

    /** The live process holding this device's link, when that is not this one. */
    private Optional<LinkBoard.Entry> elsewhere() {
        if (local.link() != null) {
            return Optional.empty();
        }
        return board.find(id()).filter(e -> e.ownerAlive() && !e.portalId().equals(board.portalId()));
    }
}
