package rock.intercom.app.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import rock.intercom.portal.Operations;

/**
 * The one device's {@link Operations} as the portal serves them: health, metrics, and (when
 * wired) its SIP trace and self-test. Thread-safe as its parts are.
 */
public final class DeviceOperations implements Operations {

    private final String deviceId;
    private final DeviceHealth health;
    private final DeviceMetrics metrics;
    /** Null when events are not forwarded. */
    private final SyslogForwarder syslog;
    private final Supplier<Optional<byte[]>> sipTrace;
    private final Function<String, Optional<ObjectNode>> selfTest;

    public DeviceOperations(String deviceId, DeviceHealth health, DeviceMetrics metrics, SyslogForwarder syslog,
            Supplier<Optional<byte[]>> sipTrace, Function<String, Optional<ObjectNode>> selfTest) {
        this.deviceId = deviceId;
        this.health = health;
        this.metrics = metrics;
        this.syslog = syslog;
        this.sipTrace = sipTrace;
        this.selfTest = selfTest;
    }

    @Override
    public String metrics() {
        return metrics.scrape();
    }

    @Override
    public ObjectNode health() {
        ObjectNode report = health.check();
        if (syslog != null) {
            ((ObjectNode) report.path("checks")).set("syslog", syslog.report());
        }
        return report;
    }

    @Override
    public Optional<byte[]> sipTracePcap(String id) {
        return deviceId.equals(id) ? sipTrace.get() : Optional.empty();
    }

    @Override
    public Optional<ObjectNode> selfTest(String id) {
        return deviceId.equals(id) ? selfTest.apply(id) : Optional.empty();
    }
}
