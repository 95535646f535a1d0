package rock.intercom.sip;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** One pending task on the agent thread; scheduling again replaces it. Agent thread only. */
final class LoopTimer {

    private final ScheduledExecutorService loop;
    private ScheduledFuture<?> pending;

    LoopTimer(ScheduledExecutorService loop) {
        this.loop = loop;
    }

    void schedule(Duration delay, Runnable task) {
        cancel();
        pending = loop.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    void cancel() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
