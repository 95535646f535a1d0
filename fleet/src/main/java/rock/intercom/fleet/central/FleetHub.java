package rock.intercom.fleet.central;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsHandlerType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.events.EventStore;
import rock.intercom.fleet.Wire;
import rock.intercom.portal.DeviceDirectory;
import rock.intercom.portal.Access;
import rock.intercom.portal.AuditLog;
import rock.intercom.portal.PortalExtension;
import rock.intercom.portal.PortalProblem;
import rock.intercom.portal.RouteTable.Route;

/**
 * The central portal's side of the fleet: enrolment routes and the devices' WebSocket links.
 * A link is authenticated before the upgrade (the device's id and secret in {@code Authorization:
 * Bearer ID.SECRET}); nothing a device sends is read before that. Handlers run on Jetty's threads.
 */
public final class FleetHub implements PortalExtension {

    private static final Logger LOG = LoggerFactory.getLogger(FleetHub.class);
    private static final String DEVICE_ATTRIBUTE = "fleet.device";
    /** A link silent this long is dead; devices report their status more often. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(90);
    static final int MAX_TOKENS = 1000;

    private final FleetRegistry registry;
    private final FleetDirectory directory;
    private final EventIngest ingest;
    private final IngestQueue shipments;
    private final Clock clock;
    private final Duration tokenValidity;
    private final FleetPush push;
    private final FleetThrottle throttle;
    private final FleetPages pages;
    private final AuditLog audit;

    /** {@code everywhere}: the devices reached wherever their link is (beside other portal processes), else {@code directory}. */
    FleetHub(FleetRegistry registry, FleetDirectory directory, DeviceDirectory everywhere, EventIngest ingest,
            IngestQueue shipments, EventStore events, Clock clock, Duration tokenValidity) {
        this.registry = registry;
        this.directory = directory;
        this.ingest = ingest;
        this.shipments = shipments;
        this.clock = clock;
        this.tokenValidity = tokenValidity;
        this.push = new FleetPush(directory, everywhere, events, clock);
        this.throttle = FleetThrottle.defaults(clock);
        this.pages = new FleetPages(registry, directory, tokenValidity, this::revoke);
        this.audit = new AuditLog(events);
    }

    @Override
    public List<Route> routes() {
        return List.of(
                new Route(HandlerType.POST, "/api/v1/enrolment-tokens", Access.MODIFY, this::createToken),
                new Route(HandlerType.DELETE, "/api/v1/devices/{id}/credential", Access.MODIFY, this::revoke),
                new Route(HandlerType.POST, "/api/v1/settings-pushes", Access.MODIFY, push::push),
                new Route(HandlerType.POST, "/devices/enrolment-tokens", Access.MODIFY, pages::createToken),
                new Route(HandlerType.POST, "/devices/{id}/revoke", Access.MODIFY, pages::revoke),
                // The token is the credential: checked in the handler.
                new Route(HandlerType.POST, Wire.ENROL_PATH, Access.ANYONE, this::enrol),
                new Route(HandlerType.WEBSOCKET_BEFORE_UPGRADE, Wire.LINK_PATH, Access.ANYONE, this::authenticate));
    }

    @Override
    public void configure(JavalinConfig config) {
        config.jetty.modifyWebSocketServletFactory(factory -> {
            factory.setMaxTextMessageSize(Wire.MAX_MESSAGE_CHARS);
            factory.setMaxBinaryMessageSize(1024);
            factory.setIdleTimeout(IDLE_TIMEOUT);
        });
        config.routes.addWsHandler(WsHandlerType.WEBSOCKET, Wire.LINK_PATH, ws -> {
            ws.onConnect(this::connected);
            ws.onMessage(ctx -> received(ctx, ctx.message()));
            ws.onClose(this::closed);
            ws.onError(ctx -> LOG.debug("link {} failed: {}", ctx.sessionId(), String.valueOf(ctx.error())));
        }, Access.ANYONE);
    }

    /** One token; {@code ?count=N} (at most {@value #MAX_TOKENS}) also lists N in {@code tokens}, e.g. for a simulator. */
    private void createToken(Context ctx) {
        String countParam = ctx.queryParam("count");
        int count;
        try {
            count = countParam == null ? 1 : Integer.parseInt(countParam);
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (count < 1 || count > MAX_TOKENS) {
            throw PortalProblem.badRequest("count must be 1.." + MAX_TOKENS);
        }
        ObjectNode body = Wire.MAPPER.createObjectNode();
        com.fasterxml.jackson.databind.node.ArrayNode list = body.putArray("tokens");
        for (int i = 0; i < count; i++) {
            list.add(registry.createToken(tokenValidity));
        }
        body.put("token", list.get(0).asText()).put("expiresInSeconds", tokenValidity.toSeconds());
        rock.intercom.portal.Json.send(ctx, 201, body);
    }

    private void revoke(Context ctx) {
        String id = ctx.pathParam("id");
        if (!revoke(id)) {
            throw PortalProblem.unknownDevice(id);
        }
        rock.intercom.portal.Json.send(ctx, 200, Wire.MAPPER.createObjectNode().put("revoked", id));
    }

    /** Revokes a device's credential and drops its link; false when no such device. */
    private boolean revoke(String id) {
        if (!registry.revoke(id)) {
            return false;
        }
        directory.remove(id).map(RemoteDevice::link).ifPresent(link -> link.close("credential revoked"));
        return true;
    }

    private void enrol(Context ctx) {
        String address = ctx.ip();
        admit(ctx, address);
        ObjectNode body;
        try {
            body = rock.intercom.portal.Json.readObject(ctx);
        } catch (PortalProblem malformed) {
            throttle.failed(address);
            throw malformed;
        }
        String id = body.path("deviceId").asText("");
        String name = body.path("name").asText(id);
        if (!FleetRegistry.DEVICE_ID.matcher(id).matches() || name.length() > FleetRegistry.MAX_NAME) {
            throttle.failed(address);
            throw PortalProblem.badRequest("deviceId must match " + FleetRegistry.DEVICE_ID.pattern()
                    + " and name be at most " + FleetRegistry.MAX_NAME + " characters");
        }
        Optional<String> secret = registry.enrol(body.path("token").asText(""), id, name);
        if (secret.isEmpty()) {
            throttle.failed(address);
            audit.signInFailed(id, address, "fleet enrolment");
            throw new PortalProblem(403, "enrolment token unknown, used or expired, or device id taken");
        }
        registry.find(id).ifPresent(directory::add);
        LOG.info("device {} enrolled", id);
        rock.intercom.portal.Json.send(ctx, 201, Wire.MAPPER.createObjectNode().put("deviceId", id)
                .put("secret", secret.get()));
    }

    /** Before the upgrade: an unknown or revoked device gets 401 and no WebSocket. */
    private void authenticate(Context ctx) {
        String address = ctx.ip();
        admit(ctx, address);
        Optional<String> id = deviceOf(ctx.header("Authorization"));
        if (id.isEmpty()) {
            throttle.failed(address);
            // Recorded as a refused sign-in under the id it claimed (flood-bounded by the audit log).
            audit.signInFailed(claimedId(ctx.header("Authorization")), address, "fleet link");
            throw new PortalProblem(401, "device credential missing or wrong");
        }
        ctx.attribute(DEVICE_ATTRIBUTE, id.get());
    }

    /** A 429 with Retry-After when this address, or everyone, tried too often. */
    private void admit(Context ctx, String address) {
        throttle.attempt(address).ifPresent(refusal -> {
            ctx.header("Retry-After", Long.toString(Math.max(1, (refusal.retryAfter().toMillis() + 999) / 1000)));
            throw new PortalProblem(429, refusal.reason() + "; try again later");
        });
    }

    private static String claimedId(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return "(no device credential)";
        }
        String credential = authorization.substring("Bearer ".length());
        int dot = credential.lastIndexOf('.');
        // Never the secret part: only what precedes the last dot.
        return dot <= 0 ? "(malformed device credential)" : credential.substring(0, Math.min(dot, 64));
    }

    private Optional<String> deviceOf(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() > 300) {
            return Optional.empty();
        }
        String credential = authorization.substring("Bearer ".length()).trim();
        int dot = credential.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String id = credential.substring(0, dot);
        return registry.authenticate(id, credential.substring(dot + 1)) ? Optional.of(id) : Optional.empty();
    }

    private void connected(WsContext ctx) {
        // Checked again here: the upgrade's attribute is the only thing trusted from before.
        Optional<RemoteDevice> device = deviceOf(ctx.header("Authorization")).flatMap(directory::enrolled);
        if (device.isEmpty()) {
            ctx.closeSession(1008, "device credential missing or wrong");
            return;
        }
        DeviceLink link = new DeviceLink(ctx);
        ctx.attribute(DEVICE_ATTRIBUTE, device.get().id());
        DeviceLink previous = device.get().attach(link);
        if (previous != null) {
            previous.close("replaced by a newer link");
        }
        device.get().contacted(clock.millis(), device.get().backlog());
        LOG.info("device {} connected", device.get().id());
    }

    private void received(WsContext ctx, String text) {
        Optional<RemoteDevice> found = Optional.ofNullable(ctx.<String>attribute(DEVICE_ATTRIBUTE))
                .flatMap(directory::remote);
        Optional<ObjectNode> parsed = Wire.read(text);
        if (found.isEmpty() || parsed.isEmpty()) {
            return;
        }
        RemoteDevice device = found.get();
        DeviceLink link = device.link();
        if (link == null || !link.sessionId().equals(ctx.sessionId())) {
            return; // a replaced link's last words
        }
        ObjectNode message = parsed.get();
        long newest = message.path("newestEventId").asLong(0);
        switch (message.get("type").asText()) {
            case "hello" -> {
                device.reported(message.path("name").asText(null), object(message, "settings"),
                        object(message, "status"));
                long mark = ingest.freshMark(device.id());
                device.contacted(clock.millis(), newest - mark);
                // Kept in the registry when the link closes, not here: a thousand doors reconnecting
                // at once must not queue a thousand writes before their handshakes.
                link.send(Wire.message("welcome").put("ackedEventId", mark));
            }
            case "status" -> {
                device.reported(null, null, object(message, "status"));
                device.contacted(clock.millis(), newest - ingest.mark(device.id()));
            }
            case "settingsResult", "doorResult" -> link.answered(message);
            case "events" -> {
                if (message.path("events") instanceof ArrayNode batch && batch.size() <= Wire.MAX_BATCH) {
                    // Stored and acknowledged by the ingest thread, with other devices' batches in one commit.
                    shipments.offer(device, link, batch, newest, text.length());
                }
            }
            default -> LOG.debug("device {}: unknown message type dropped", device.id());
        }
    }

    private void closed(WsContext ctx) {
        String id = ctx.attribute(DEVICE_ATTRIBUTE);
        if (id == null) {
            return;
        }
        directory.remote(id).ifPresent(device -> {
            DeviceLink link = device.link();
            if (link != null && link.sessionId().equals(ctx.sessionId())) {
                device.detach(link);
                registry.remember(id, device.lastContactMs(), settingsJson(device), device.backlog());
                LOG.info("device {} disconnected", id);
            }
        });
    }

    private static ObjectNode object(ObjectNode message, String field) {
        return message.get(field) instanceof ObjectNode node ? node : null;
    }

    private static String settingsJson(RemoteDevice device) {
        ObjectNode settings = device.rawSettings();
        return settings == null ? null : Wire.write(settings);
    }
}
