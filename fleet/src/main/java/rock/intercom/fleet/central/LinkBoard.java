package rock.intercom.fleet.central;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.fleet.Wire;

/**
 * Which portal process holds each device's link, with the live status it last reported, in the
 * shared PostgreSQL: so every process shows every device's status and knows where to relay a
 * command. Each process {@link #publish publishes} its own links about once a second (changed rows
 * only, and every row again each {@link #REPUBLISH}) with its heartbeat; a process whose heartbeat
 * is older than {@link #OWNER_TIMEOUT} (killed, cut off) no longer owns anything. Times are the
 * database's, so the portal hosts' clocks need not agree. Thread-safe.
 */
final class LinkBoard {

    /** Where one device's link is, as last published. */
    record Entry(String portalId, ObjectNode status, boolean ownerAlive) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(LinkBoard.class);
    static final Duration OWNER_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REPUBLISH = Duration.ofSeconds(15);
    /** A page load reads the board at most this often; a device list of 1,000 costs one query. */
    private static final long READ_EVERY_MS = 1000;
    private static final String NOW_MS = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

    private final DataSource db;
    private final String portalId;
    // Owned by the publishing thread.
    private final Map<String, String> published = new HashMap<>();
    private final Map<String, Long> publishedAt = new HashMap<>();
    // The last read, replaced whole.
    private volatile Map<String, Entry> snapshot = Map.of();
    private volatile long snapshotAt;

    LinkBoard(DataSource db, String portalId) {
        this.db = db;
        this.portalId = portalId;
    }

    String portalId() {
        return portalId;
    }

    /**
     * One round of the publishing thread: this process's heartbeat, the devices linked here whose
     * status changed, and the rows of devices no longer linked here (unless another process took them).
     */
    void publish(Iterable<RemoteDevice> linkedHere, long nowMs) throws SQLException {
        try (Connection connection = db.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement beat = connection.prepareStatement("INSERT INTO fleet_portal (portal_id, seen_ms)"
                    + " VALUES (?, " + NOW_MS + ") ON CONFLICT (portal_id) DO UPDATE SET seen_ms = excluded.seen_ms");
                 PreparedStatement upsert = connection.prepareStatement(UPSERT);
                 PreparedStatement gone = connection.prepareStatement(
                         "DELETE FROM fleet_link WHERE device_id = ? AND portal_id = ?")) {
                beat.setString(1, portalId);
                beat.executeUpdate();
                Set<String> stillHere = new HashSet<>();
                for (RemoteDevice device : linkedHere) {
                    if (device.rawSettings() == null) {
                        // Not until its hello: listed online elsewhere, it must have settings to show.
                        continue;
                    }
                    stillHere.add(device.id());
                    String fingerprint = fingerprint(device);
                    if (!fingerprint.equals(published.get(device.id()))
                            || nowMs - publishedAt.getOrDefault(device.id(), 0L) >= REPUBLISH.toMillis()) {
                        bindUpsert(upsert, device);
                        upsert.addBatch();
                        published.put(device.id(), fingerprint);
                        publishedAt.put(device.id(), nowMs);
                    }
                }
                for (String id : Set.copyOf(published.keySet())) {
                    if (!stillHere.contains(id)) {
                        gone.setString(1, id);
                        gone.setString(2, portalId);
                        gone.addBatch();
                        published.remove(id);
                        publishedAt.remove(id);
                    }
                }
                upsert.executeBatch();
                gone.executeBatch();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                published.clear(); // publish everything again next round
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** Publishes one device at once, e.g. its settings right after a relayed push applied them. */
    void publishNow(RemoteDevice device) {
        try (Connection connection = db.getConnection(); PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            bindUpsert(upsert, device);
            upsert.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("device {}: status not published: {}", device.id(), e.getMessage());
        }
    }

    private static final String UPSERT = "INSERT INTO fleet_link (device_id, portal_id, status_json, settings_json,"
            + " published_ms) VALUES (?, ?, ?, ?, " + NOW_MS + ") ON CONFLICT (device_id) DO UPDATE SET"
            + " portal_id = excluded.portal_id, status_json = excluded.status_json,"
            + " settings_json = COALESCE(excluded.settings_json, fleet_link.settings_json),"
            + " published_ms = excluded.published_ms";

    private void bindUpsert(PreparedStatement upsert, RemoteDevice device) throws SQLException {
        ObjectNode settings = device.rawSettings();
        upsert.setString(1, device.id());
        upsert.setString(2, portalId);
        upsert.setString(3, Wire.write(device.status()));
        upsert.setString(4, settings == null ? null : Wire.write(settings));
    }

    /** What changes a row: everything but the time of last contact (republished each REPUBLISH). */
    private static String fingerprint(RemoteDevice device) {
        ObjectNode status = device.status();
        status.remove("lastContact");
        ObjectNode settings = device.rawSettings();
        return Wire.write(status) + (settings == null ? 0 : System.identityHashCode(settings));
    }

    /** Where {@code deviceId}'s link is, as last read (at most a second old). */
    Optional<Entry> find(String deviceId) {
        return Optional.ofNullable(read().get(deviceId));
    }

    /** The board, read again when the last read is older than a second. */
    Map<String, Entry> read() {
        long now = System.currentTimeMillis();
        if (now - snapshotAt < READ_EVERY_MS) {
            return snapshot;
        }
        Map<String, Entry> fresh = new HashMap<>();
        try (Connection connection = db.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT l.device_id, l.portal_id, l.status_json,"
                     + " COALESCE(p.seen_ms > " + NOW_MS + " - " + OWNER_TIMEOUT.toMillis() + ", false) AS alive"
                     + " FROM fleet_link l LEFT JOIN fleet_portal p ON p.portal_id = l.portal_id");
             ResultSet row = query.executeQuery()) {
            while (row.next()) {
                ObjectNode status = RemoteDevice.parse(row.getString(3));
                if (status != null) {
                    fresh.put(row.getString(1), new Entry(row.getString(2), status, row.getBoolean(4)));
                }
            }
        } catch (SQLException e) {
            LOG.warn("link board not read: {}", e.getMessage());
            return snapshot;
        }
        snapshot = Map.copyOf(fresh);
        snapshotAt = now;
        return snapshot;
    }

    /** The settings {@code deviceId} last reported to whichever process holds its link, read now. */
    Optional<ObjectNode> settingsOf(String deviceId) {
        try (Connection connection = db.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT settings_json FROM fleet_link WHERE device_id = ?")) {
            query.setString(1, deviceId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.ofNullable(RemoteDevice.parse(row.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the link board: " + e.getMessage(), e);
        }
    }
}
