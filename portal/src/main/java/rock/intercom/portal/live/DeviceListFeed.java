package rock.intercom.portal.live;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.portal.DeviceControl;
import rock.intercom.portal.DeviceDirectory;
import rock.intercom.portal.Json;
import rock.intercom.portal.PortalProblem;

/**
 * Server push of the Devices list ({@code GET /api/v1/devices/live}, Server-Sent Events): on
 * connect every device ({@code devices}: id, name, status), then each second only the devices whose
 * row changed, and {@code removed} ids. One {@code portal-devices-live} thread reads the statuses
 * once per tick for all streams and writes to them; nothing is read while no stream is open.
 * At most {@link #MAX_STREAMS} streams; each ends after {@link LiveFeeds#MAX_STREAM}, so the
 * browser reconnects through the access check again.
 */
final class DeviceListFeed implements AutoCloseable {

    static final int MAX_STREAMS = 64;
    static final Duration TICK = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(DeviceListFeed.class);

    private final DeviceDirectory devices;
    private final Map<SseClient, Long> streams = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "portal-devices-live");
        thread.setDaemon(true);
        return thread;
    });
    private final SseHandler sse = new SseHandler(this::open);
    /** The rows last sent, by device id; owned by the ticker thread. */
    private Map<String, String> sent = Map.of();

    DeviceListFeed(DeviceDirectory devices) {
        this.devices = devices;
        ticker.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stream(Context ctx) throws Exception {
        if (streams.size() >= MAX_STREAMS) {
            throw new PortalProblem(503, "too many live Devices lists open; reload later");
        }
        sse.handle(ctx);
    }

    private void open(SseClient client) {
        client.keepAlive();
        client.onClose(() -> streams.remove(client));
        ticker.execute(() -> {
            Map<String, String> rows = rows();
            client.sendEvent("devices", array(rows, rows.keySet()));
            streams.put(client, System.nanoTime());
        });
    }

    private void tick() {
        try {
            long now = System.nanoTime();
            streams.keySet().removeIf(client -> {
                boolean expired = now - streams.getOrDefault(client, now) >= LiveFeeds.MAX_STREAM.toNanos();
                if (expired || client.terminated()) {
                    client.close();
                    return true;
                }
                return false;
            });
            if (streams.isEmpty()) {
                sent = Map.of();
                return;
            }
            Map<String, String> rows = rows();
            Set<String> changed = new java.util.TreeSet<>();
            rows.forEach((id, row) -> {
                if (!row.equals(sent.get(id))) {
                    changed.add(id);
                }
            });
            ArrayNode removed = Json.MAPPER.createArrayNode();
            sent.keySet().stream().filter(id -> !rows.containsKey(id)).forEach(removed::add);
            sent = rows;
            if (!changed.isEmpty()) {
                String data = array(rows, changed);
                streams.keySet().forEach(client -> client.sendEvent("devices", data));
            }
            if (!removed.isEmpty()) {
                streams.keySet().forEach(client -> client.sendEvent("removed", removed.toString()));
            }
        } catch (RuntimeException e) {
            LOG.warn("live Devices list tick failed: {}", e.toString());
        }
    }

    private Map<String, String> rows() {
        Map<String, String> rows = new HashMap<>();
        for (DeviceControl device : devices.devices()) {
            ObjectNode row = Json.object().put("id", device.id()).put("name", device.name());
            row.set("status", device.status());
            rows.put(device.id(), row.toString());
        }
        return rows;
    }

    private static String array(Map<String, String> rows, Set<String> ids) {
        StringBuilder out = new StringBuilder("[");
        for (String id : ids) {
            out.append(out.length() > 1 ? "," : "").append(rows.get(id));
        }
        return out.append(']').toString();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        streams.keySet().forEach(SseClient::close);
    }
}
