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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import rock.intercom.events.EventStore;
import rock.intercom.events.RecordedEvent;
import rock.intercom.portal.ApplyResult;
import rock.intercom.portal.AuditLog;
import rock.intercom.portal.Caller;
import rock.intercom.portal.DeviceControl;
import rock.intercom.portal.DeviceDirectory;
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
 * each: 1,000 doors took 30 s and more that way on this machine. Beside other portal processes, a
 * device linked to another one is reached through the command relay, {@value #RELAYS_AT_ONCE} at once.
 */
final class FleetPush {

    /** Devices named in one push; a fleet larger than this is pushed in parts. */
    static final int MAX_DEVICES = 10_000;

    /** Relayed applies in flight at once: each holds a thread while the other process answers. */
    static final int RELAYS_AT_ONCE = 32;

    private final FleetDirectory directory;
    private final DeviceDirectory everywhere;
    private final EventStore events;
    private final Clock clock;

    /** {@code everywhere}: the same devices reached wherever their link is ({@code directory} itself when alone). */
    FleetPush(FleetDirectory directory, DeviceDirectory everywhere, EventStore events, Clock clock) {
        this.directory = directory;
        this.everywhere = everywhere;
        this.events = events;
        this.clock = clock;
    }

    private record Pending(String id, ObjectNode before, ObjectNode document,
            CompletableFuture<ApplyResult> result) {
    }

    void push(Context ctx) {
        ObjectNode body = Json.readObject(ctx);
        SettingsPatch patch = SettingsPatch.of(body.get("settings"));
        PortalUser user = Caller.of(ctx).user();
        ObjectNode answer = Json.object();
        ObjectNode results = answer.putObject("results");
        List<Pending> pending = new ArrayList<>();
        ExecutorService relays = null;
        try {
            for (String id : targets(body.get("devices"))) {
                RemoteDevice device = directory.remote(id).orElse(null);
                DeviceLink link = device == null ? null : device.link();
                ObjectNode before = device == null ? null : device.rawSettings();
                DeviceControl elsewhere = device == null || link != null || everywhere == directory ? null
                        : everywhere.find(id).filter(FleetPush::online).orElse(null);
                if (device == null) {
                    results.putObject(id).put("error", "no such device");
                } else if (elsewhere != null) {
                    if (relays == null) {
                        relays = Executors.newFixedThreadPool(RELAYS_AT_ONCE);
                    }
                    ObjectNode view = elsewhere.settingsView();
                    ObjectNode document = patch.applyTo(view);
                    pending.add(new Pending(id, view, document,
                            CompletableFuture.supplyAsync(() -> elsewhere.applySettings(document), relays)
                                    .exceptionally(failed -> RelayedCommand.notAnswered(id, String.valueOf(
                                            failed.getCause() == null ? failed : failed.getCause().getMessage())))));
                } else if (link == null) {
                    results.putObject(id).put("offline", true);
                } else if (before == null) {
                    results.putObject(id).put("error", "linked, but has not reported its settings yet");
                } else {
                    ObjectNode document = patch.applyTo(before);
                    pending.add(new Pending(id, before, document, device.applySettingsAsync(link, document)));
                }
            }
            answer(pending, results, user);
        } finally {
            if (relays != null) {
                relays.shutdown();
            }
        }
        answer.put("devices", results.size());
        Json.send(ctx, 200, answer.put("applied", countApplied(results)));
    }

    private static boolean online(DeviceControl device) {
        return "online".equals(device.status().path("connection").asText());
    }

    private static int countApplied(ObjectNode results) {
        int applied = 0;
        for (JsonNode entry : results) {
            applied += entry.path("applied").asBoolean(false) ? 1 : 0;
        }
        return applied;
    }

    /** Waits for every pending device and writes its result; the applied ones audited in one commit. */
    private void answer(List<Pending> pending, ObjectNode results, PortalUser user) {
        List<RecordedEvent> audit = new ArrayList<>();
        for (Pending p : pending) {
            ApplyResult result = p.result().join(); // never fails: a timeout is a rejection
            ObjectNode entry = results.putObject(p.id());
            if (result instanceof ApplyResult.Applied done) {
                entry.put("applied", true);
                audit.add(new RecordedEvent(AuditLog.settingsChangedEvent(p.id(), user, "api",
                        SettingsDiff.changedFields(p.before(), done.settings(), p.document())), clock.instant()));
            } else if (result instanceof ApplyResult.Rejected rejected) {
                ObjectNode errors = entry.putObject("errors");
                rejected.errors().forEach(errors::put);
            }
        }
        if (!audit.isEmpty()) {
            events.appendAllRecorded(audit);
        }
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
