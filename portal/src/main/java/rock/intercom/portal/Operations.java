package rock.intercom.portal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * What an operator's tools read from the device process: health, Prometheus metrics, the SIP
 * trace and the self-test. The app module implements it; the portal only serves it. Thread-safe:
 * Jetty's worker threads call it.
 */
public interface Operations {

    /** Nothing to report: a portal without a device process behind it (tests, the demo's pages). */
    Operations NONE = new Operations() {
    };

    /** Prometheus text exposition format (version 0.0.4); empty when there is no registry. */
    default String metrics() {
        return "";
    }

    /**
     * A liveness summary without secrets: {@code status} is {@code UP}, {@code DEGRADED} (alive,
     * not registered) or {@code DOWN} (call thread or event store not working), plus the checks.
     */
    default ObjectNode health() {
        return Json.object().put("status", "UP");
    }

    /** The device's recent SIP messages as a pcap file; empty when the device has no trace. */
    default Optional<byte[]> sipTracePcap(String deviceId) {
        return Optional.empty();
    }

    /** Runs the guide's "Verify it works" on the device and returns the report; empty when it cannot. */
    default Optional<ObjectNode> selfTest(String deviceId) {
        return Optional.empty();
    }
}
