package rock.intercom.fleet.central;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.fleet.Wire;

/**
 * Carries a portal request for a device whose link another portal process holds, and its answer
 * back, through PostgreSQL: the request is a {@code fleet_relay} row, {@code NOTIFY} on the
 * holder's channel names it; the holder carries it out over its link ({@link RelayedCommand}),
 * writes the answer into the row and notifies the origin's channel. Rows rather than payloads, so
 * a settings document is not cut at NOTIFY's 8,000 bytes. Rows whose origin died are swept after
 * {@link #ROW_LIFETIME}.
 *
 * <p>Threading: {@code fleet-relay-listen} owns the LISTEN connection and only dispatches; requests
 * run on a small bounded pool ({@code fleet-relay-N}), so a slow device cannot stall the answers
 * other processes wait for. Callers of {@link #relay} block on their own thread.
 */
final class CommandRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandRelay.class);
    static final Duration ROW_LIFETIME = Duration.ofMinutes(2);
    /**
     * Requests carried out at once: each mostly waits for its device (no database connection held
     * meanwhile), so as many as a fleet-wide push sends at a time (4 made a relayed push to 1,000
     * doors 1.5× slower than a local one).
     */
    private static final int WORKERS = 32;
    private static final int QUEUE = 256;
    private static final int MAX_WAITING = 256;

    private final ClusterDatabase db;
    private final String portalId;
    private final Function<String, Optional<RemoteDevice>> linkedHere;
    private final java.util.function.Consumer<RemoteDevice> carriedOut;
    private final Map<Long, CompletableFuture<ObjectNode>> waiting = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor workers;
    private final Thread listener;
    private volatile boolean closed;
    private volatile boolean listening;

    /** {@code carriedOut} runs on the holder after a command, before its answer goes back. */
    CommandRelay(ClusterDatabase db, String portalId, Function<String, Optional<RemoteDevice>> linkedHere,
            java.util.function.Consumer<RemoteDevice> carriedOut) {
        this.carriedOut = carriedOut;
        this.db = db;
        this.portalId = portalId;
        this.linkedHere = linkedHere;
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                r -> new Thread(r, "fleet-relay-" + n.incrementAndGet()));
        workers.allowCoreThreadTimeOut(true);
        this.listener = new Thread(this::listen, "fleet-relay-listen");
        listener.setDaemon(true);
    }

    /** Starts listening; returns once LISTEN is in place (or after {@code wait}). */
    CommandRelay start(Duration wait) {
        listener.start();
        long end = System.nanoTime() + wait.toNanos();
        while (!listening && System.nanoTime() < end) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return this;
    }

    static String channel(String portalId) {
        return "fleet_portal_" + portalId;
    }

    /**
     * Sends {@code request} for {@code deviceId} to the process {@code holder} and waits for its
     * answer; a {@link TimeoutException} says why there is none.
     */
    ObjectNode relay(String holder, String deviceId, ObjectNode request, Duration timeout) throws TimeoutException {
        if (waiting.size() >= MAX_WAITING) {
            throw new TimeoutException(MAX_WAITING + " relayed requests already wait for an answer");
        }
        long id;
        try (Connection connection = db.pool().getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO fleet_relay (device_id, origin,"
                     + " request, created_ms) VALUES (?, ?, ?, ?) RETURNING id")) {
            insert.setString(1, deviceId);
            insert.setString(2, portalId);
            insert.setString(3, Wire.write(request));
            insert.setLong(4, System.currentTimeMillis());
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                id = row.getLong(1);
            }
        } catch (SQLException e) {
            throw new TimeoutException("cannot relay to the portal process holding the link: " + e.getMessage());
        }
        CompletableFuture<ObjectNode> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        try {
            notify(channel(holder), "request:" + id);
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutException("no answer through the portal process holding the link within "
                    + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted while waiting for the relayed answer");
        } catch (ExecutionException | SQLException e) {
            throw new TimeoutException("relay failed: " + e.getMessage());
        } finally {
            waiting.remove(id);
            deleteQuietly(id);
        }
    }

    /** Deletes relay rows older than {@link #ROW_LIFETIME}: their origin gave up or died. */
    void sweep() throws SQLException {
        try (Connection connection = db.pool().getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM fleet_relay WHERE created_ms < ?")) {
            delete.setLong(1, System.currentTimeMillis() - ROW_LIFETIME.toMillis());
            delete.executeUpdate();
        }
    }

    private void listen() {
        while (!closed) {
            try (Connection connection = db.dedicated(); Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + channel(portalId));
                listening = true;
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            dispatch(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                listening = false;
                if (!closed) {
                    // Requests and answers sent meanwhile are lost: their callers time out and say so.
                    LOG.warn("relay listener lost its connection: {}; listening again in 1 s", e.getMessage());
                    sleepQuietly(1000);
                }
            }
        }
    }

    private void dispatch(String payload) {
        int colon = payload.indexOf(':');
        long id;
        try {
            id = Long.parseLong(payload.substring(colon + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return;
        }
        if (payload.startsWith("answer:")) {
            CompletableFuture<ObjectNode> answer = waiting.get(id);
            if (answer != null) {
                readAnswer(id).ifPresentOrElse(answer::complete,
                        () -> answer.completeExceptionally(new IllegalStateException("answer row missing")));
            }
        } else if (payload.startsWith("request:")) {
            try {
                workers.execute(() -> carryOut(id));
            } catch (RejectedExecutionException e) {
                LOG.warn("relayed request {} dropped: {} waiting already", id, QUEUE);
            }
        }
    }

    /** What a relay row asks: for which device, from which process. */
    private record Request(String deviceId, String origin, ObjectNode body) {
    }

    /**
     * On the holder: one relayed request, carried out over the link held here. No database
     * connection is held while the device answers (up to {@link RemoteDevice#ANSWER_TIMEOUT}).
     */
    private void carryOut(long id) {
        try {
            Optional<Request> request = readRequest(id);
            if (request.isEmpty()) {
                return; // the origin gave up already
            }
            String deviceId = request.get().deviceId();
            Optional<RemoteDevice> device = linkedHere.apply(deviceId);
            ObjectNode answer = RelayedCommand.carryOut(device, deviceId, request.get().body());
            device.ifPresent(carriedOut);
            try (Connection connection = db.pool().getConnection();
                 PreparedStatement update = connection.prepareStatement("UPDATE fleet_relay SET answer = ? WHERE id = ?")) {
                update.setString(1, Wire.write(answer));
                update.setLong(2, id);
                update.executeUpdate();
            }
            notify(channel(request.get().origin()), "answer:" + id);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("relayed request {} failed: {}", id, e.getMessage());
        }
    }

    private Optional<Request> readRequest(long id) throws SQLException {
        try (Connection connection = db.pool().getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT device_id, origin, request FROM fleet_relay WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(new Request(row.getString(1), row.getString(2),
                        RemoteDevice.parse(row.getString(3)))) : Optional.empty();
            }
        }
    }

    private Optional<ObjectNode> readAnswer(long id) {
        try (Connection connection = db.pool().getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT answer FROM fleet_relay WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.ofNullable(RemoteDevice.parse(row.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            LOG.warn("relayed answer {} not read: {}", id, e.getMessage());
            return Optional.empty();
        }
    }

    private void notify(String channel, String payload) throws SQLException {
        try (Connection connection = db.pool().getConnection();
             PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, channel);
            notify.setString(2, payload);
            notify.execute();
        }
    }

    private void deleteQuietly(long id) {
        try (Connection connection = db.pool().getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM fleet_relay WHERE id = ?")) {
            delete.setLong(1, id);
            delete.executeUpdate();
        } catch (SQLException e) {
            LOG.debug("relay row {} left for the sweep: {}", id, e.getMessage());
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        workers.shutdownNow();
        try {
            listener.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
