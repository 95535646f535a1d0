package rock.intercom.fleet.agent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.events.EventStore;
import rock.intercom.events.SecurityEvent;
import rock.intercom.fleet.SettingsAnswer;
import rock.intercom.fleet.Wire;
import rock.intercom.portal.ApplyResult;
import rock.intercom.portal.DeviceControl;

/**
 * A device's link to its central portal: enrols once, then keeps one WebSocket open (reconnecting
 * with backoff), reports its status, ships its events through the outbox and carries out the
 * portal's settings pushes and commands. The device works the same without its portal.
 *
 * <p>Threading: one thread, {@code fleet-link}, owns the link's state; the WebSocket's callbacks
 * and the event store's listener only post to it.
 */
public final class FleetAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FleetAgent.class);
    static final Duration STATUS_INTERVAL = Duration.ofSeconds(20);
    static final Duration MIN_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);

    private final DeviceControl device;
    private final EventOutbox outbox;
    private final Path dataDir;
    private final PortalUrls portals;
    private final String enrolmentToken;
    private final HttpClient http;
    private final LinkResources resources;
    /** Every task of this link runs here, one at a time: the link's state needs no lock. */
    private final java.util.concurrent.Executor serial;
    private final AutoCloseable subscription;
    // Owned by the fleet-link thread.
    private DeviceCredential credential;
    private WebSocket socket;
    private long acked = -1;
    private boolean batchInFlight;
    private long backoffMs = MIN_BACKOFF.toMillis();
    private boolean closed;
    private volatile java.util.concurrent.ScheduledFuture<?> statusTimer;

    private FleetAgent(DeviceControl device, EventStore events, Path dataDir, PortalUrls portals, String token,
            DeviceCredential credential, LinkResources resources) {
        this.resources = resources;
        this.http = resources.http();
        this.serial = resources.shared() ? new SerialExecutor(resources.pool()) : resources.pool();
        this.device = device;
        this.outbox = new EventOutbox(events);
        this.dataDir = dataDir;
        this.portals = portals;
        this.enrolmentToken = token;
        this.credential = credential;
        this.subscription = events.subscribe(event -> post(this::shipNext));
    }

    /**
     * Starts the link. A credential saved in {@code dataDir} wins over {@code enrolmentToken}; without
     * either this refuses to start. Returns at once: connecting happens in the background.
     */
    public static FleetAgent start(DeviceControl device, EventStore events, Path dataDir, String portalUrl,
            String enrolmentToken, PrintStream announce) throws IOException {
        return start(device, events, dataDir, portalUrl, enrolmentToken, announce, LinkResources.single());
    }

    /** As above, on {@code resources} (closed with the agent unless shared). */
    public static FleetAgent start(DeviceControl device, EventStore events, Path dataDir, String portalUrl,
            String enrolmentToken, PrintStream announce, LinkResources resources) throws IOException {
        PortalUrls portals = PortalUrls.parse(portalUrl);
        Optional<DeviceCredential> saved = DeviceCredential.load(dataDir);
        if (saved.isEmpty() && (enrolmentToken == null || enrolmentToken.isBlank())) {
            throw new IllegalArgumentException("not enrolled at " + portalUrl + ": pass --enrolment-token (created "
                    + "by an administrator: POST /api/v1/enrolment-tokens)");
        }
        if (saved.isPresent()) {
            announce.println("Portal: " + String.join(", ", portals.all()) + " as " + saved.get().deviceId()
                    + (enrolmentToken != null ? " (already enrolled: the enrolment token is not used)" : ""));
        }
        FleetAgent agent = new FleetAgent(device, events, dataDir, portals, enrolmentToken, saved.orElse(null),
                resources);
        // Spread the status reports of many links over the interval.
        long first = ThreadLocalRandom.current().nextLong(STATUS_INTERVAL.toMillis()) + 1;
        agent.statusTimer = resources.pool().scheduleWithFixedDelay(() -> agent.post(agent::sendStatus), first,
                STATUS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        agent.post(agent::connect);
        return agent;
    }

    private void connect() {
        if (closed || socket != null) {
            return;
        }
        if (credential == null && !enrol()) {
            return;
        }
        // Any of the portal's processes serves any device: the credential is in their shared database.
        String portalUrl = portals.current();
        URI uri = URI.create(portalUrl.replaceFirst("^http", "ws") + Wire.LINK_PATH);
        http.newWebSocketBuilder().header("Authorization", credential.bearer())
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new LinkListener(this))
                .whenComplete((ws, failure) -> post(() -> {
                    if (failure != null) {
                        LOG.info("portal {} unreachable: {}; retrying", portalUrl, rootMessage(failure));
                        retryLater();
                    } else if (closed) {
                        ws.abort();
                    } else {
                        opened(ws);
                    }
                }));
    }

    private boolean enrol() {
        try {
            DeviceCredential enrolled = Enrolment.enrol(http, portals.current(), enrolmentToken, device.id(),
                    device.name());
            enrolled.save(dataDir);
            credential = enrolled;
            LOG.info("enrolled at {} as {}", portals.current(), device.id());
            return true;
        } catch (Enrolment.Refused refused) {
            LOG.error("{}: ask an administrator for a new enrolment token", refused.getMessage());
            return false;
        } catch (IOException e) {
            LOG.info("enrolment at {} failed: {}; retrying", portals.current(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        retryLater();
        return false;
    }

    private void opened(WebSocket ws) {
        socket = ws;
        acked = -1;
        batchInFlight = false;
        backoffMs = MIN_BACKOFF.toMillis();
        ObjectNode hello = Wire.message("hello").put("name", device.name()).put("newestEventId", outbox.newestId());
        hello.set("settings", device.settingsView());
        hello.set("status", device.status());
        send(hello);
        LOG.info("linked to portal {}", portals.current());
    }

    /** One whole message from the portal, on the fleet-link thread. */
    void received(WebSocket from, String text) {
        Optional<ObjectNode> parsed = Wire.read(text);
        if (from != socket || parsed.isEmpty()) {
            return;
        }
        ObjectNode message = parsed.get();
        switch (message.get("type").asText()) {
            case "welcome", "ack" -> {
                acked = Math.max(acked, message.path("ackedEventId").asLong(0));
                batchInFlight = false;
                shipNext();
            }
            case "applySettings" -> applySettings(message);
            case "pressButton" -> device.pressButton();
            case "openDoor" -> {
                Optional<String> refused = device.openDoor(message.path("user").asText("portal"),
                        message.path("channel").asText("portal"));
                ObjectNode answer = Wire.message("doorResult").put("requestId", message.path("requestId").asLong())
                        .put("opened", refused.isEmpty());
                refused.ifPresent(reason -> answer.put("reason", reason));
                send(answer);
            }
            default -> LOG.debug("unknown message type from the portal dropped");
        }
    }

    private void applySettings(ObjectNode message) {
        ObjectNode answer = Wire.message("settingsResult").put("requestId", message.path("requestId").asLong());
        ApplyResult result = message.get("document") instanceof ObjectNode document ? device.applySettings(document)
                : ApplyResult.rejected(java.util.Map.of("", "the settings document must be a JSON object"));
        send(SettingsAnswer.write(result, answer));
        sendStatus();
    }

    private void shipNext() {
        if (socket == null || acked < 0 || batchInFlight) {
            return;
        }
        List<SecurityEvent> batch = outbox.after(acked, Wire.MAX_BATCH);
        if (batch.isEmpty()) {
            sendStatus();
            return;
        }
        ObjectNode message = Wire.message("events").put("newestEventId", outbox.newestId());
        ArrayNode list = message.putArray("events");
        for (SecurityEvent event : batch) {
            ObjectNode item = list.addObject().put("id", event.id()).put("time", event.time().toEpochMilli())
                    .put("deviceId", event.deviceId()).put("name", event.name());
            item.set("details", Wire.MAPPER.valueToTree(event.details()));
        }
        batchInFlight = true;
        send(message);
    }

    private void sendStatus() {
        if (socket != null) {
            ObjectNode message = Wire.message("status").put("newestEventId", outbox.newestId());
            message.set("status", device.status());
            send(message);
        }
    }

    private void send(ObjectNode message) {
        WebSocket ws = socket;
        try {
            ws.sendText(Wire.write(message), true).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.info("link to the portal lost while sending: {}", rootMessage(e));
            lost(ws);
        }
    }

    /** The link is gone (closed, failed, or too long a message): forget it and reconnect later. */
    void lost(WebSocket ws) {
        if (ws != socket || ws == null) {
            return;
        }
        ws.abort();
        socket = null;
        acked = -1;
        batchInFlight = false;
        retryLater();
    }

    void post(Runnable task) {
        try {
            serial.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Shutting down: the link is going away with its tasks.
        }
    }

    private void retryLater() {
        if (closed) {
            return;
        }
        portals.next();
        long delay = backoffMs + ThreadLocalRandom.current().nextLong(backoffMs / 2 + 1);
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
        try {
            resources.pool().schedule(() -> post(this::connect), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Shutting down.
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception ignored) {
            // Unsubscribing from a store cannot fail in a way that matters at shutdown.
        }
        if (statusTimer != null) {
            statusTimer.cancel(false);
        }
        try {
            java.util.concurrent.CompletableFuture.runAsync(() -> {
                closed = true;
                if (socket != null) {
                    socket.abort();
                    socket = null;
                }
            }, serial).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("closing the link: {}", e.toString());
        }
        if (!resources.shared()) {
            resources.close();
        }
    }
}
