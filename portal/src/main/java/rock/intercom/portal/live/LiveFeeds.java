package rock.intercom.portal.live;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.portal.DeviceControl;
import rock.intercom.portal.DeviceDirectory;
import rock.intercom.portal.Json;
import rock.intercom.portal.PortalProblem;

/**
 * Server push of each device's call and screen state ({@code GET /api/v1/devices/{id}/live},
 * Server-Sent Events): on connect the last screens with their times and the status, then every
 * screen as the door shows it ({@code screen}) and the status each second ({@code status}).
 * The device's call thread only queues; one {@code portal-live} thread writes to the streams.
 * A stream ends after {@link #MAX_STREAM}, so the browser reconnects through the access check
 * again (a signed-out or expired session stops receiving).
 */
public final class LiveFeeds implements AutoCloseable {

    static final int HISTORY = 12;
    static final Duration MAX_STREAM = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeeds.class);

    private record Stream(SseClient client, Instant opened) {
    }

    private final DeviceDirectory devices;
    private final Clock clock;
    private final Map<String, ScreenHistory> histories = new ConcurrentHashMap<>();
    private final Map<String, Map<SseClient, Stream>> streams = new ConcurrentHashMap<>();
    private final Map<String, AutoCloseable> watches = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor delivery = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1024), named("portal-live"));
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(named("portal-live-tick"));
    private final SseHandler sse = new SseHandler(this::open);
    private final DeviceListFeed list;

    public LiveFeeds(DeviceDirectory devices, Clock clock) {
        this.devices = devices;
        this.clock = clock;
        this.list = new DeviceListFeed(devices);
        devices.devices().forEach(this::watch);
        ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    private synchronized void watch(DeviceControl device) {
        if (histories.containsKey(device.id())) {
            return;
        }
        ScreenHistory history = new ScreenHistory(HISTORY);
        streams.put(device.id(), new ConcurrentHashMap<>());
        watches.put(device.id(), device.watchScreen(change -> screenChanged(device.id(), history, change)));
        histories.put(device.id(), history);
    }

    /**
     * The route's handler: a known device's stream, or 404 before any byte is sent. A device that
     * joined after the start (enrolled at a central portal) is watched from its first stream on.
     */
    public void stream(Context ctx) throws Exception {
        String id = ctx.pathParam("id");
        if (!histories.containsKey(id)) {
            devices.find(id).ifPresentOrElse(this::watch, () -> {
                throw PortalProblem.unknownDevice(id);
            });
        }
        sse.handle(ctx);
    }

    /** {@code GET /api/v1/devices/live}: the Devices list, pushed (see {@link DeviceListFeed}). */
    public void devicesStream(Context ctx) throws Exception {
        list.stream(ctx);
    }

    private void open(SseClient client) {
        String id = client.ctx().pathParam("id");
        client.keepAlive();
        client.onClose(() -> streams.get(id).remove(client));
        deliver(() -> {
            ArrayNode list = Json.MAPPER.createArrayNode();
            histories.get(id).entries().forEach(entry -> list.add(json(entry)));
            client.sendEvent("history", list.toString());
            sendStatus(id, client);
            streams.get(id).put(client, new Stream(client, clock.instant()));
        });
    }

    private void screenChanged(String id, ScreenHistory history, ScreenChange change) {
        // On the device's call thread: record and queue only.
        String data = json(history.add(change)).toString();
        deliver(() -> streams.get(id).keySet().forEach(client -> client.sendEvent("screen", data)));
    }

    private void tick() {
        try {
            Instant now = clock.instant();
            streams.forEach((id, open) -> {
                open.values().removeIf(stream -> {
                    if (Duration.between(stream.opened(), now).compareTo(MAX_STREAM) >= 0 || stream.client().terminated()) {
                        stream.client().close();
                        return true;
                    }
                    return false;
                });
                if (!open.isEmpty()) {
                    deliver(() -> open.keySet().forEach(client -> sendStatus(id, client)));
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("live feed tick failed: {}", e.toString());
        }
    }

    private void sendStatus(String id, SseClient client) {
        devices.find(id).ifPresent(device -> client.sendEvent("status", device.status().toString()));
    }

    private void deliver(Runnable task) {
        try {
            delivery.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.debug("live stream write failed: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException full) {
            // A stalled browser filled the queue: drop this push; the next status catches up.
            LOG.debug("live feed queue full; dropped one push");
        }
    }

    static ObjectNode json(ScreenHistory.Entry entry) {
        ScreenChange change = entry.change();
        return Json.object().put("kind", change.kind()).put("screen", change.text()).put("label", entry.label())
                .put("inCall", change.inCall()).put("at", change.at().toString());
    }

    @Override
    public void close() {
        list.close();
        watches.values().forEach(watch -> {
            try {
                watch.close();
            } catch (Exception e) {
                LOG.debug("unwatch failed: {}", e.toString());
            }
        });
        ticker.shutdownNow();
        delivery.shutdownNow();
        streams.values().forEach(open -> open.keySet().forEach(SseClient::close));
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
