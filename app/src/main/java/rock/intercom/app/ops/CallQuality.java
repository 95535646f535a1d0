package rock.intercom.app.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import rock.intercom.call.CallCommand;
import rock.intercom.media.session.MediaStatistics;

/**
 * Records each call's RTP quality when its media stops: one of the call controller's command
 * observers, it sees {@code StopMedia} just before it runs, while the session is still open. Per
 * call, loss ratio, jitter and a MOS estimate as distributions
 * ({@code intercom_call_rtp_loss_ratio}, {@code intercom_call_rtp_jitter_seconds},
 * {@code intercom_call_mos}), packet counters, and the last call's values as gauges. Runs on the
 * call thread.
 */
public final class CallQuality implements Consumer<CallCommand> {

    /** The last finished call's quality, for the gauges. */
    record LastCall(double lossRatio, double jitterMillis, double mos) {
    }

    private final Function<String, Optional<MediaStatistics>> statistics;
    private final DistributionSummary loss;
    private final DistributionSummary jitter;
    private final DistributionSummary mos;
    private final Counter received;
    private final Counter lost;
    private final AtomicReference<LastCall> last = new AtomicReference<>(new LastCall(0, 0, 0));

    /** {@code statistics}: a call's media statistics while its session is open. */
    public CallQuality(Function<String, Optional<MediaStatistics>> statistics, MeterRegistry registry) {
        this.statistics = statistics;
        this.loss = DistributionSummary.builder("intercom_call_rtp_loss_ratio")
                .description("Per call: RTP packets lost / expected at the door").register(registry);
        this.jitter = DistributionSummary.builder("intercom_call_rtp_jitter_seconds")
                .description("Per call: RTP interarrival jitter at the end of the call (RFC 3550 6.4.1)")
                .baseUnit("seconds").register(registry);
        this.mos = DistributionSummary.builder("intercom_call_mos")
                .description("Per call: listening-quality MOS estimate (simplified E-model, G.107)")
                .serviceLevelObjectives(2.0, 3.0, 3.6, 4.0, 4.3).register(registry);
        this.received = Counter.builder("intercom_rtp_packets_received").register(registry);
        this.lost = Counter.builder("intercom_rtp_packets_lost").register(registry);
        registry.gauge("intercom_last_call_rtp_loss_ratio", last, l -> l.get().lossRatio());
        registry.gauge("intercom_last_call_rtp_jitter_seconds", last, l -> l.get().jitterMillis() / 1000);
        registry.gauge("intercom_last_call_mos", last, l -> l.get().mos());
    }

    @Override
    public void accept(CallCommand command) {
        if (command instanceof CallCommand.StopMedia stop) {
            statistics.apply(stop.callId()).ifPresent(this::record);
        }
    }

    private void record(MediaStatistics stats) {
        long expected = stats.packetsReceived() + Math.max(0, stats.packetsLost());
        if (expected == 0) {
            return; // media that never flowed has no quality to report (the watchdog already said so)
        }
        double ratio = Math.max(0, stats.packetsLost()) / (double) expected;
        double estimate = MosEstimate.of(ratio, stats.jitterMillis());
        loss.record(ratio);
        jitter.record(stats.jitterMillis() / 1000);
        mos.record(estimate);
        received.increment(stats.packetsReceived());
        lost.increment(Math.max(0, stats.packetsLost()));
        last.set(new LastCall(ratio, stats.jitterMillis(), estimate));
    }
}
