package rock.intercom.fleet.central;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import rock.intercom.fleet.SettingsAnswer;
import rock.intercom.fleet.Wire;
import rock.intercom.portal.ApplyResult;
import rock.intercom.portal.DeviceControl;
import rock.intercom.portal.PortalProblem;

/**
 * An enrolled device as the central portal sees it: what it last reported (settings, status), and
 * its link while connected. Settings, button and door go over the link; an offline device refuses
 * them with the reason. Thread-safe: fields are replaced whole, the link serialises its sends.
 */
final class RemoteDevice implements DeviceControl {

    /** How long a portal request waits for the device's answer. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(15);

    private final String id;
    private volatile String name;
    private volatile ObjectNode settings;
    private volatile ObjectNode liveStatus = Wire.MAPPER.createObjectNode();
    private volatile DeviceLink link;
    private volatile long lastContactMs;
    private volatile long backlog;

    RemoteDevice(EnrolledDevice enrolled) {
        this.id = enrolled.id();
        this.name = enrolled.name();
        this.lastContactMs = enrolled.lastContactMs();
        this.backlog = enrolled.backlog();
        this.settings = parse(enrolled.settingsJson());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ObjectNode settingsView() {
        ObjectNode view = settings;
        if (view == null) {
            throw new PortalProblem(409, "device '" + id + "' has not reported its settings yet");
        }
        return view.deepCopy();
    }

    @Override
    public ApplyResult applySettings(JsonNode document) {
        return applySettingsAsync(online(), document).join();
    }

    /** Pushes {@code document} over {@code link} without waiting: many devices' pushes overlap. */
    CompletableFuture<ApplyResult> applySettingsAsync(DeviceLink link, JsonNode document) {
        return link.requestAsync(Wire.message("applySettings").set("document", document), ANSWER_TIMEOUT)
                .handle((answer, failure) -> failure != null
                        ? ApplyResult.rejected(Map.of("", "device '" + id + "' did not apply the settings: "
                                + rootMessage(failure)))
                        : result(answer));
    }

    private ApplyResult result(ObjectNode answer) {
        if (answer.path("applied") instanceof ObjectNode applied) {
            settings = applied;
            return ApplyResult.applied(applied.deepCopy());
        }
        return SettingsAnswer.read(id, answer);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    @Override
    public ObjectNode status() {
        ObjectNode status = liveStatus.deepCopy();
        status.put("id", id).put("name", name);
        status.put("connection", link != null ? "online" : "offline");
        status.put("lastContact", lastContactMs == 0 ? null : Instant.ofEpochMilli(lastContactMs).toString());
        status.put("backlog", backlog);
        return status;
    }

    @Override
    public void pressButton() {
        online().send(Wire.message("pressButton"));
    }

    @Override
    public Optional<String> openDoor(String user, String channel) {
        try {
            ObjectNode answer = online().request(Wire.message("openDoor").put("user", user).put("channel", channel),
                    ANSWER_TIMEOUT);
            return answer.path("opened").asBoolean(false) ? Optional.empty()
                    : Optional.of(answer.path("reason").asText("the device refused"));
        } catch (TimeoutException e) {
            return Optional.of("no answer from device '" + id + "': " + e.getMessage());
        }
    }

    private DeviceLink online() {
        DeviceLink current = link;
        if (current == null) {
            throw new PortalProblem(409, "device '" + id + "' is offline (last contact "
                    + (lastContactMs == 0 ? "never" : Instant.ofEpochMilli(lastContactMs).toString()) + ")");
        }
        return current;
    }

    /** A new link replaces an older one of the same device (which is closed by the caller). */
    synchronized DeviceLink attach(DeviceLink value) {
        DeviceLink previous = link;
        link = value;
        return previous;
    }

    /** Forgets {@code closed} unless a newer link already replaced it. */
    void detach(DeviceLink closed) {
        synchronized (this) {
            if (link == closed) {
                link = null;
            }
        }
        closed.closed();
    }

    DeviceLink link() {
        return link;
    }

    void reported(String reportedName, ObjectNode reportedSettings, ObjectNode status) {
        if (reportedName != null && !reportedName.isBlank()) {
            name = reportedName.length() > FleetRegistry.MAX_NAME ? reportedName.substring(0, FleetRegistry.MAX_NAME)
                    : reportedName;
        }
        if (reportedSettings != null) {
            settings = reportedSettings;
        }
        if (status != null) {
            liveStatus = status;
        }
    }

    void contacted(long nowMs, long unshipped) {
        lastContactMs = nowMs;
        backlog = Math.max(0, unshipped);
    }

    long lastContactMs() {
        return lastContactMs;
    }

    long backlog() {
        return backlog;
    }

    ObjectNode rawSettings() {
        return settings;
    }

    /** A JSON object from the registry or the link board; null for none or anything else. */
    static ObjectNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Wire.MAPPER.readTree(json) instanceof ObjectNode object ? object : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
