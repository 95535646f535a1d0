package rock.intercom.portal.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import rock.intercom.portal.DeviceDirectory;
import rock.intercom.portal.Json;
import rock.intercom.portal.Operations;
import rock.intercom.portal.PortalProblem;

/** The handlers of health, metrics, SIP trace and self-test; access was checked before they run. */
public final class OperationsApi {

    /** Prometheus' text exposition format, as scrapers ask for it. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    /** pcap files (tcpdump's registered media type). */
    static final String PCAP = "application/vnd.tcpdump.pcap";

    private final DeviceDirectory devices;
    private final Operations operations;

    public OperationsApi(DeviceDirectory devices, Operations operations) {
        this.devices = devices;
        this.operations = operations;
    }

    /** 200 while the process works (UP or DEGRADED), 503 when DOWN, so a plain HTTP check suffices. */
    public void health(Context ctx) {
        ObjectNode health = operations.health();
        Json.send(ctx, "DOWN".equals(health.path("status").asText()) ? 503 : 200, health);
    }

    public void metrics(Context ctx) {
        ctx.status(200).contentType(PROMETHEUS_TEXT).result(operations.metrics());
    }

    public void sipTrace(Context ctx) {
        String id = device(ctx);
        byte[] pcap = operations.sipTracePcap(id)
                .orElseThrow(() -> new PortalProblem(404, "no SIP trace for device " + id));
        ctx.header("Content-Disposition", "attachment; filename=\"" + id + "-sip-trace.pcap\"");
        ctx.status(200).contentType(PCAP).result(pcap);
    }

    public void selfTest(Context ctx) {
        String id = device(ctx);
        ObjectNode report = operations.selfTest(id)
                .orElseThrow(() -> new PortalProblem(409, "device " + id + " cannot run a self-test"));
        Json.send(ctx, 200, report);
    }

    private String device(Context ctx) {
        String id = ctx.pathParam("id");
        return devices.find(id).orElseThrow(() -> PortalProblem.unknownDevice(id)).id();
    }
}
