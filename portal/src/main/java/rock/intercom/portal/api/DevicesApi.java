package rock.intercom.portal.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import rock.intercom.events.EventStore;
import rock.intercom.portal.ApplyResult;
import rock.intercom.portal.AuditedSettings;
import rock.intercom.portal.Caller;
import rock.intercom.portal.DeviceControl;
import rock.intercom.portal.DeviceDirectory;
import rock.intercom.portal.Json;
import rock.intercom.portal.PortalProblem;

/** The JSON handlers of {@code /api/v1}; access was checked before they run. */
public final class DevicesApi {

    private final DeviceDirectory devices;
    private final EventStore events;
    private final AuditedSettings settings;

    public DevicesApi(DeviceDirectory devices, EventStore events, AuditedSettings settings) {
        this.devices = devices;
        this.events = events;
        this.settings = settings;
    }

    public void list(Context ctx) {
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("devices");
        for (DeviceControl device : devices.devices()) {
            list.addObject().put("id", device.id()).put("name", device.name()).set("status", device.status());
        }
        Json.send(ctx, 200, body);
    }

    public void status(Context ctx) {
        Json.send(ctx, 200, device(ctx).status());
    }

    public void getSettings(Context ctx) {
        Json.send(ctx, 200, device(ctx).settingsView());
    }

    public void putSettings(Context ctx) {
        DeviceControl device = device(ctx);
        ObjectNode document = Json.readObject(ctx);
        ApplyResult result = settings.apply(device, document, Caller.of(ctx).user(), "api");
        if (result instanceof ApplyResult.Applied applied) {
            Json.send(ctx, 200, applied.settings());
        } else if (result instanceof ApplyResult.Rejected rejected) {
            ObjectNode body = Json.object();
            ObjectNode errors = body.putObject("errors");
            rejected.errors().forEach(errors::put);
            Json.send(ctx, 422, body);
        }
    }

    public void pressButton(Context ctx) {
        DeviceControl device = device(ctx);
        device.pressButton();
        Json.send(ctx, 202, Json.object().put("pressed", true).put("device", device.id()));
    }

    /** Remote door release: 202 when the relay was pulsed, 409 with the reason when it could not be. */
    public void openDoor(Context ctx) {
        DeviceControl device = device(ctx);
        java.util.Optional<String> refused = device.openDoor(rock.intercom.portal.Caller.of(ctx).user().username(), "API");
        if (refused.isPresent()) {
            Json.send(ctx, 409, Json.object().put("opened", false).put("reason", refused.get()));
        } else {
            Json.send(ctx, 202, Json.object().put("opened", true).put("device", device.id()));
        }
    }

    /** {@code GET …/calls/current/video.jpg}: the picture the current call receives; 404 without one. */
    public void receivedVideo(Context ctx) {
        JpegResponse.send(ctx, device(ctx).receivedVideo());
    }

    /** {@code GET …/camera.jpg}: what the door's camera sees now; 503 when it cannot be had. */
    public void cameraView(Context ctx) {
        JpegResponse.send(ctx, device(ctx).cameraView());
    }

    public void events(Context ctx) throws java.io.IOException {
        EventFilter filter = EventFilter.parse(ctx.queryParamMap());
        if ("csv".equals(ctx.queryParam("format"))) {
            sendCsv(ctx, filter);
            return;
        }
        Json.send(ctx, 200, EventJson.page(events.query(filter.toQuery()), filter.limit()));
    }

    /** {@code GET /api/v1/events.csv}: the same filters as {@link #events}, as a CSV download. */
    public void eventsCsv(Context ctx) throws java.io.IOException {
        sendCsv(ctx, EventFilter.parse(ctx.queryParamMap()));
    }

    private void sendCsv(Context ctx, EventFilter filter) throws java.io.IOException {
        ctx.status(200).contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"security-events.csv\"");
        var out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(ctx.outputStream(),
                java.nio.charset.StandardCharsets.UTF_8));
        EventCsv.write(events, filter, out);
        out.flush();
    }

    private DeviceControl device(Context ctx) {
        String id = ctx.pathParam("id");
        return devices.find(id).orElseThrow(() -> PortalProblem.unknownDevice(id));
    }
}
