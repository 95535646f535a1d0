package rock.intercom.fleet.central;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * The other portal processes on the shared database, as this one reaches a device linked to them:
 * the {@link LinkBoard} says which live process holds a link and what the device last reported, the
 * {@link CommandRelay} carries a command there and its answer back. Thread-safe.
 */
final class OtherPortals {

    /** The holder waits {@link RemoteDevice#ANSWER_TIMEOUT} for the device; the relay's way there and back is added. */
    static final java.time.Duration RELAY_TIMEOUT = RemoteDevice.ANSWER_TIMEOUT.plusSeconds(5);

    private final LinkBoard board;
    private final CommandRelay relay;

    OtherPortals(LinkBoard board, CommandRelay relay) {
        this.board = board;
        this.relay = relay;
    }

    /** The live process holding {@code deviceId}'s link, when that is not this one. */
    Optional<LinkBoard.Entry> holderOf(String deviceId) {
        return board.find(deviceId).filter(this::heldElsewhere);
    }

    /**
     * The device's status as its last holder published it, {@code connection} saying whether a live
     * process other than this one holds it now; empty when it was never published.
     */
    Optional<ObjectNode> statusOf(String deviceId) {
        return board.find(deviceId).map(entry -> {
            ObjectNode status = entry.status().deepCopy();
            status.put("connection", heldElsewhere(entry) ? "online" : "offline");
            return status;
        });
    }

    /** The settings the device's holder published, if any. */
    Optional<ObjectNode> settingsOf(String deviceId) {
        return board.settingsOf(deviceId);
    }

    /** Sends {@code request} for {@code deviceId} to {@code holder} and waits for its answer. */
    ObjectNode relay(LinkBoard.Entry holder, String deviceId, ObjectNode request) throws TimeoutException {
        return relay.relay(holder.portalId(), deviceId, request, RELAY_TIMEOUT);
    }

    private boolean heldElsewhere(LinkBoard.Entry entry) {
        return entry.ownerAlive() && !entry.portalId().equals(board.portalId());
    }
}
