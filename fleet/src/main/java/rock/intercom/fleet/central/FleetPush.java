package rock.intercom.fleet.central;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import rock.intercom.events.EventStore;
import rock.intercom.events.RecordedEvent;
import rock.intercom.portal.ApplyResult;
import rock.intercom.portal.AuditLog;
import rock.intercom.portal.Caller;
import rock.intercom.portal.Json;
import rock.intercom.portal.PortalProblem;
import rock.intercom.portal.SettingsDiff;
import rock.intercom.portal.auth.PortalUser;

/**
 * {@code POST /api/v1/settings-pushes}: one change to many devices at once. Body {@code {"settings":
 * MERGE_PATCH, "devices": [ID…]}} (devices left out: every enrolled device). Each online device gets
 * its own settings with the patch applied, over its link, all at once; the answer waits for every
 * device (at most {@link RemoteDevice#ANSWER_TIMEOUT}) and says per device {@code applied}, its
 * field {@code errors}, or {@code offline}. The applied ones are audited as Settings Changed, all in
 * one commit. Sending one request per door instead costs a request, a session check and a commit
 * each: 1,000 doors took 30 s and more that way on this machine.
 */
final class FleetPush {

    /** Devices named in one push; a fleet larger than this is pushed in parts. */
    static final int MAX_DEVICES = 10_000;

    private final FleetDirectory directory;
    private final EventStore events;
    private final Clock clock;

    FleetPush(FleetDirectory directory, EventStore events, Clock clock) {
        this.directory = directory;
        this.events = events;
        this.clock = clock;
    }

    private record Pending(RemoteDevice device, ObjectNode before, ObjectNode document,
            CompletableFuture<ApplyResult> result) {
    }

    void push(Context ctx) {
        ObjectNode body = Json.readObject(ctx);
        SettingsPatch patch = SettingsPatch.of(body.get("settings"));
        PortalUser user = Caller.of(ctx).user();
        ObjectNode answer = Json.object();
        ObjectNode results = answer.putObject("results");
        List<Pending> pending = new ArrayList<>();
        for (String id : targets(body.get("devices"))) {
            RemoteDevice device = directory.remote(id).orElse(null);
            DeviceLink link = device == null ? null : device.link();
            ObjectNode before = device == null ? null : device.rawSettings();
            if (device == null) {
                results.putObject(id).put("error", "no such device");
            } else if (link == null) {
                results.putObject(id).put("offline", true);
            } else if (before == null) {
                results.putObject(id).put("error", "linked, but has not reported its settings yet");
            } else {
                ObjectNode document = patch.applyTo(before);
                pending.add(new Pending(device, before, document, device.applySettingsAsync(link, document)));
            }
        }
        List<RecordedEvent> audit = new ArrayList<>();
        int applied = 0;
        for (Pending p : pending) {
            ApplyResult result = p.result().join(); // never fails: a timeout is a rejection
            ObjectNode entry = results.putObject(p.device().id());
            if (result instanceof ApplyResult.Applied done) {
                applied++;
                entry.put("applied", true);
                audit.add(new RecordedEvent(AuditLog.settingsChangedEvent(p.device().id(), user, "api",
                        SettingsDiff.changedFields(p.before(), done.settings(), p.document())), clock.instant()));
            } else if (result instanceof ApplyResult.Rejected rejected) {
                ObjectNode errors = entry.putObject("errors");
                rejected.errors().forEach(errors::put);
            }
        }
        if (!audit.isEmpty()) {
            events.appendAllRecorded(audit);
        }
        answer.put("devices", results.size()).put("applied", applied);
        Json.send(ctx, 200, answer);
    }

    private Set<String> targets(JsonNode devices) {
        Set<String> ids = new LinkedHashSet<>();
        if (devices == null || devices.isNull()) {
            directory.devices().forEach(d -> ids.add(d.id()));
            return ids;
        }
        if (!devices.isArray() || devices.size() > MAX_DEVICES) {
            throw PortalProblem.badRequest("devices must be a list of at most " + MAX_DEVICES + " device ids");
        }
        for (JsonNode id : devices) {
            if (!id.isTextual() || !FleetRegistry.DEVICE_ID.matcher(id.asText()).matches()) {
                throw PortalProblem.badRequest("devices must list device ids (" + FleetRegistry.DEVICE_ID.pattern() + ")");
            }
            ids.add(id.asText());
        }
        return ids;
    }
}
