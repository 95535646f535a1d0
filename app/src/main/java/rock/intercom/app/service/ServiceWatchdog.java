package rock.intercom.app.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds systemd's watchdog ({@code WatchdogSec=}) only while every watched thread still works:
 * each tick it checks that every thread ran the no-op it was handed on the previous tick, sends
 * {@code WATCHDOG=1} if so, and hands out new no-ops. A stuck call thread or SIP agent therefore
 * stops the pings and systemd restarts the service ({@code Restart=on-failure}). Ticks come at
 * half the watchdog interval, as sd_watchdog_enabled(3) advises, so one slow tick is tolerated.
 */
public final class ServiceWatchdog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceWatchdog.class);

    private final SystemdNotify notify;
    private final List<Liveness> watched;
    private final long[] answeredTicks;
    private final AtomicLong tick = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "systemd-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean warned;

    private ServiceWatchdog(SystemdNotify notify, List<Liveness> watched) {
        this.notify = notify;
        this.watched = List.copyOf(watched);
        this.answeredTicks = new long[watched.size()];
    }

    /**
     * Started when systemd asked for a watchdog ({@code WATCHDOG_USEC}, for this process when
     * {@code WATCHDOG_PID} is set); otherwise empty.
     */
    public static Optional<ServiceWatchdog> start(SystemdNotify notify, Map<String, String> env, long pid,
            List<Liveness> watched) {
        Optional<Duration> interval = interval(env, pid);
        if (interval.isEmpty()) {
            return Optional.empty();
        }
        ServiceWatchdog watchdog = new ServiceWatchdog(notify, watched);
        watchdog.handOut();
        long period = Math.max(1, interval.get().toMillis() / 2);
        watchdog.timer.scheduleAtFixedRate(watchdog::tick, period, period, TimeUnit.MILLISECONDS);
        log.info("systemd watchdog: {} ms, pinged every {} ms while {} answer", interval.get().toMillis(), period,
                watched.stream().map(Liveness::name).toList());
        return Optional.of(watchdog);
    }

    static Optional<Duration> interval(Map<String, String> env, long pid) {
        String usec = env.get("WATCHDOG_USEC");
        String forPid = env.get("WATCHDOG_PID");
        if (usec == null || (forPid != null && !forPid.equals(Long.toString(pid)))) {
            return Optional.empty();
        }
        try {
            long micros = Long.parseLong(usec.trim());
            return micros > 0 ? Optional.of(Duration.ofNanos(micros * 1000)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void tick() {
        try {
            long previous = tick.get();
            List<String> silent = new java.util.ArrayList<>();
            for (int i = 0; i < watched.size(); i++) {
                synchronized (answeredTicks) {
                    if (answeredTicks[i] < previous) {
                        silent.add(watched.get(i).name());
                    }
                }
            }
            if (silent.isEmpty()) {
                notify.send("WATCHDOG=1");
                warned = false;
            } else if (!warned) {
                warned = true;
                log.error("not feeding the systemd watchdog: {} did not answer", silent);
            }
            handOut();
        } catch (RuntimeException e) {
            log.warn("systemd watchdog tick failed: {}", e.toString());
        }
    }

    private void handOut() {
        long now = tick.incrementAndGet();
        for (int i = 0; i < watched.size(); i++) {
            int index = i;
            watched.get(i).probe(() -> {
                synchronized (answeredTicks) {
                    answeredTicks[index] = Math.max(answeredTicks[index], now);
                }
            });
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
