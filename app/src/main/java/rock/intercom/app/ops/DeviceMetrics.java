package rock.intercom.app.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.function.Supplier;
import rock.intercom.events.EventStore;
import rock.intercom.events.SecurityEvent;
import rock.intercom.events.SecurityEventName;
import rock.intercom.sip.SipStackLoad;

/**
 * The device's Prometheus registry and the meters that read device state: registration state
 * (one gauge per state, 1 for the current one) and keepalive round trip, and calls by outcome,
 * counted from the durable security events. The store's decorator ({@link TimedEventStore}) and
 * the call's command observers ({@link RefusedInvites}, {@link CallQuality}) register their own
 * meters here.
 * Thread-safe.
 */
public final class DeviceMetrics {

    /** Security events that count a call, by the outcome label they carry. */
    static final Map<String, String> OUTCOMES = Map.of(
            SecurityEventName.CALL_ESTABLISHED.label(), "established",
            SecurityEventName.CALL_FAILED.label(), "failed",
            SecurityEventName.CALL_REJECTED.label(), "rejected",
            SecurityEventName.INCOMING_CALL.label(), "incoming");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Counter> calls;

    public DeviceMetrics() {
        // The door's own footprint (heap, threads, CPU, uptime): what issue 15's budgets are about.
        new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.system.UptimeMetrics().bindTo(registry);
        calls = Map.of(
                "established", callCounter("established"),
                "failed", callCounter("failed"),
                "rejected", callCounter("rejected"),
                "incoming", callCounter("incoming"));
    }

    private Counter callCounter(String outcome) {
        return Counter.builder("intercom_calls").description("Calls by outcome, from the recorded security events "
                + "(rejected: recorded Call Rejected; intercom_invites_refused_total counts every refusal)")
                .tag("outcome", outcome).register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * Gauges over the registration view the status API shows ({@code state},
     * {@code lastKeepaliveRttMs}); read at scrape time.
     */
    public void watchRegistration(Supplier<JsonNode> registration) {
        for (String state : new String[] {"DISABLED", "REGISTERING", "REGISTERED", "UNREGISTERED", "FAILED"}) {
            Gauge.builder("intercom_registration_state", registration,
                    r -> state.equals(r.get().path("state").asText()) ? 1 : 0)
                    .description("1 for the SIP registration's current state").tag("state", state)
                    .strongReference(true).register(registry); // the supplier is a lambda nothing else holds
        }
        Gauge.builder("intercom_keepalive_rtt_seconds", registration,
                r -> r.get().path("lastKeepaliveRttMs").isNumber()
                        ? r.get().path("lastKeepaliveRttMs").asDouble() / 1000 : Double.NaN)
                .description("Round trip of the last answered keepalive (OPTIONS) to the SIP server")
                .baseUnit("seconds").strongReference(true).register(registry);
    }

    /**
     * Gauges over what the SIP stack holds (server and client transactions, dialogs), read at scrape
     * time: a flood of strangers' requests shows as a rise that falls back within seconds.
     */
    public void watchSipStack(Supplier<SipStackLoad> load) {
        Gauge.builder("intercom_sip_transactions", load, l -> l.get().serverTransactions())
                .description("SIP transactions the stack holds").tag("side", "server")
                .strongReference(true).register(registry);
        Gauge.builder("intercom_sip_transactions", load, l -> l.get().clientTransactions())
                .description("SIP transactions the stack holds").tag("side", "client")
                .strongReference(true).register(registry);
        Gauge.builder("intercom_sip_dialogs", load, l -> l.get().dialogs())
                .description("SIP dialogs the stack holds, early, confirmed or lingering after their end")
                .strongReference(true).register(registry);
    }

    /** Counts calls by outcome from the store's events; returns the subscription. */
    public AutoCloseable countCalls(EventStore events) {
        return events.subscribe(this::count);
    }

    void count(SecurityEvent event) {
        String outcome = OUTCOMES.get(event.name());
        if (outcome != null) {
            calls.get(outcome).increment();
        }
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }
}
