package rock.intercom.app.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.events.EventStore;
import rock.intercom.events.NewEvent;
import rock.intercom.events.SecurityEventName;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.SipServer;
import rock.intercom.settings.Transport;

/**
 * The guide's "Verify it works" from one API call: registration, an OPTIONS round trip to the
 * server, the TLS chain and host name (TLS only), and a test call to the call number with audio
 * checked both ways. The report lists each step ({@code PASSED}, {@code FAILED}, {@code SKIPPED})
 * and is recorded as a {@code Self-Test} event. One run at a time; a second caller is told so.
 * Blocking: the caller's thread runs it (up to the call timeout and a few seconds of audio).
 */
public final class SelfTest {

    private static final Logger LOG = LoggerFactory.getLogger(SelfTest.class);
    /** A registration in progress gets this long to settle before the step is judged. */
    static final Duration REGISTRATION_WAIT = Duration.ofSeconds(5);
    /** The longest the test call waits for an answer, fallbacks included. */
    static final Duration MAX_ANSWER_WAIT = Duration.ofSeconds(90);

    private final String deviceId;
    private final Supplier<DeviceSettings> settings;
    private final Supplier<JsonNode> registration;
    private final TestCall call;
    private final EventStore events;
    private final AtomicBoolean running = new AtomicBoolean();

    public SelfTest(String deviceId, Supplier<DeviceSettings> settings, Supplier<JsonNode> registration,
            CallPort call, EventStore events) {
        this.deviceId = deviceId;
        this.settings = settings;
        this.registration = registration;
        this.call = new TestCall(deviceId, call, events);
        this.events = events;
    }

    /** What the test call needs of the device: press, watch, measure. */
    public record CallPort(java.util.function.Consumer<rock.intercom.call.CallInput> post,
            Supplier<rock.intercom.call.CallState> state,
            java.util.function.Function<String, java.util.Optional<rock.intercom.media.session.MediaStatistics>> statistics) {
    }

    /** Runs every step; the report (also when another run is in progress: {@code result: BUSY}). */
    public ObjectNode run() {
        ObjectNode report = JsonNodeFactory.instance.objectNode();
        report.put("device", deviceId).put("started", Instant.now().toString());
        if (!running.compareAndSet(false, true)) {
            return report.put("result", "BUSY").put("detail", "a self-test is already running");
        }
        try {
            ArrayNode steps = report.putArray("steps");
            DeviceSettings current = settings.get();
            if (current.sip() == null || !current.sip().enabled()) {
                steps.addObject().put("name", "registration").put("result", "FAILED").put("detail", "SIP is off");
            } else {
                runSteps(current, steps);
            }
            boolean failed = false;
            for (JsonNode step : steps) {
                failed |= step.path("result").asText().equals("FAILED");
            }
            report.put("result", failed ? "FAILED" : "PASSED");
            record(report);
            return report;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return report.put("result", "FAILED").put("detail", "interrupted");
        } finally {
            running.set(false);
        }
    }

    private void runSteps(DeviceSettings current, ArrayNode steps) throws InterruptedException {
        JsonNode reg = awaitSettled();
        boolean registered = reg.path("state").asText().equals("REGISTERED");
        steps.addObject().put("name", "registration").put("result", registered ? "PASSED" : "FAILED")
                .put("detail", registered ? "registered at " + reg.path("server").asText() + " over "
                        + reg.path("transport").asText()
                        : reg.path("state").asText() + ": " + reg.path("lastFailureReason").asText("no reason given"));

        SipServer server = current.sip().server();
        String[] hostPort = hostPort(reg.path("server").asText(""), server);
        String user = current.sip().identity() == null ? "self-test" : current.sip().identity().extension();
        ServerProbe.Result options = ServerProbe.options(server.transport(), hostPort[0],
                Integer.parseInt(hostPort[1]), server.caCertificatePem(), user);
        ObjectNode optionsStep = steps.addObject().put("name", "OPTIONS round trip")
                .put("result", options.answered() ? "PASSED" : "FAILED").put("detail", options.detail());
        if (options.answered()) {
            optionsStep.put("status", options.status()).put("roundTripMs", options.roundTrip().toNanos() / 1e6);
        }
        if (server.transport() == Transport.TLS) {
            ServerProbe.Result tls = ServerProbe.tls(hostPort[0], Integer.parseInt(hostPort[1]),
                    server.caCertificatePem());
            steps.addObject().put("name", "TLS chain and host name").put("result", tls.answered() ? "PASSED" : "FAILED")
                    .put("detail", tls.detail());
        }
        if (!registered) {
            steps.addObject().put("name", "test call").put("result", "SKIPPED").put("detail", "not registered");
        } else {
            long timeout = current.sip().callOptions() == null ? 35 : current.sip().callOptions().callTimeoutSeconds();
            int numbers = 1 + (current.sip().fallbackNumbers() == null ? 0 : current.sip().fallbackNumbers().size());
            Duration wait = Duration.ofSeconds(Math.min(MAX_ANSWER_WAIT.toSeconds(), timeout * numbers + 5));
            steps.add(call.run(wait));
        }
    }

    private JsonNode awaitSettled() throws InterruptedException {
        long deadline = System.nanoTime() + REGISTRATION_WAIT.toNanos();
        JsonNode reg = registration.get();
        while (reg.path("state").asText().equals("REGISTERING") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            reg = registration.get();
        }
        return reg;
    }

    /** The address registration resolved and used, or the configured one. */
    private static String[] hostPort(String registered, SipServer server) {
        int colon = registered.lastIndexOf(':');
        if (colon > 0) {
            String host = registered.substring(0, colon);
            host = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            return new String[] {host, registered.substring(colon + 1)};
        }
        return new String[] {server.address(), Integer.toString(server.effectivePort())};
    }

    private void record(ObjectNode report) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("result", report.path("result").asText());
        for (JsonNode step : report.path("steps")) {
            String key = switch (step.path("name").asText()) {
                case "OPTIONS round trip" -> "options";
                case "TLS chain and host name" -> "tls";
                case "test call" -> "call";
                default -> "registration";
            };
            details.put(key, step.path("result").asText() + ": " + step.path("detail").asText());
        }
        try {
            events.append(NewEvent.of(deviceId, SecurityEventName.SELF_TEST, details));
        } catch (RuntimeException e) {
            LOG.warn("could not record the self-test: {}", e.toString());
        }
    }
}
