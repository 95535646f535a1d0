package rock.intercom.app.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.events.EventStore;
import rock.intercom.events.SecurityEvent;

/**
 * Forwards every security event to a syslog receiver once the store has made it durable (it
 * subscribes to the {@link EventStore}, whose listeners run after the write). The appending thread
 * only offers to a bounded queue and never waits on the network; a token bucket caps the rate, so a
 * flood of events cannot flood the SIEM. What does not fit, exceeds the rate or fails to send twice
 * is dropped and counted ({@code intercom_syslog_dropped_total{reason}}), reported in the health
 * check and by a rate-limited WARN. Thread-safe; one daemon thread {@code syslog-forwarder} sends.
 */
public final class SyslogForwarder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyslogForwarder.class);
    /** Events waiting to be sent; at ~2 kB each at most ~2 MB. */
    public static final int QUEUE_CAPACITY = 1000;
    /** Sustained events per second, and the burst the bucket holds. */
    public static final int RATE_PER_SECOND = 50;
    public static final int BURST = 200;
    private static final long WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final SyslogTarget target;
    private final String hostname;
    private final long procId;
    private final BlockingQueue<SecurityEvent> queue;
    private final TokenBucket bucket;
    private final Counter sent;
    private final Counter droppedFull;
    private final Counter droppedRate;
    private final Counter droppedFailed;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong nextWarn = new AtomicLong(System.nanoTime());
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final Thread thread;
    private final AutoCloseable subscription;
    private volatile boolean running = true;

    private SyslogForwarder(SyslogTarget target, String hostname, EventStore events, MeterRegistry registry,
            int capacity, TokenBucket bucket) {
        this.target = target;
        this.hostname = hostname;
        this.procId = ProcessHandle.current().pid();
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.bucket = bucket;
        this.sent = Counter.builder("intercom_syslog_sent").description("Security events sent to syslog")
                .register(registry);
        this.droppedFull = dropCounter(registry, "queue_full");
        this.droppedRate = dropCounter(registry, "rate_limited");
        this.droppedFailed = dropCounter(registry, "send_failed");
        registry.gauge("intercom_syslog_queued", queue, BlockingQueue::size);
        this.thread = new Thread(this::run, "syslog-forwarder");
        thread.setDaemon(true);
        thread.start();
        this.subscription = events.subscribe(this::offer);
    }

    /** Starts forwarding the store's events from now on to {@code target}. */
    public static SyslogForwarder start(SyslogTarget target, String hostname, EventStore events,
            MeterRegistry registry) {
        return new SyslogForwarder(target, hostname, events, registry, QUEUE_CAPACITY,
                new TokenBucket(RATE_PER_SECOND, BURST, System::nanoTime));
    }

    /** For tests: a smaller queue and bucket. */
    static SyslogForwarder start(SyslogTarget target, String hostname, EventStore events, MeterRegistry registry,
            int capacity, TokenBucket bucket) {
        return new SyslogForwarder(target, hostname, events, registry, capacity, bucket);
    }

    private static Counter dropCounter(MeterRegistry registry, String reason) {
        return Counter.builder("intercom_syslog_dropped").description("Security events not forwarded to syslog")
                .tag("reason", reason).register(registry);
    }

    private void offer(SecurityEvent event) {
        if (!bucket.tryTake()) {
            drop(droppedRate, "rate above " + RATE_PER_SECOND + "/s");
        } else if (!queue.offer(event)) {
            drop(droppedFull, "queue full");
        }
    }

    private void drop(Counter counter, String why) {
        counter.increment();
        long count = dropped.incrementAndGet();
        long now = System.nanoTime();
        long due = nextWarn.get();
        if (now - due >= 0 && nextWarn.compareAndSet(due, now + WARN_INTERVAL_NANOS)) {
            LOG.warn("syslog {}: dropped a security event ({}); {} dropped since start", target, why, count);
        }
    }

    private void run() {
        try (SyslogConnection connection = new SyslogConnection(target)) {
            while (running) {
                SecurityEvent event = queue.poll(200, TimeUnit.MILLISECONDS);
                if (event != null) {
                    send(connection, Rfc5424Message.encode(event, hostname, procId));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One retry on a fresh connection: a receiver restart costs no event, a dead one costs a few. */
    private void send(SyslogConnection connection, byte[] message) throws InterruptedException {
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                connection.send(message);
                sent.increment();
                lastError.set(null);
                return;
            } catch (IOException e) {
                connection.reset();
                lastError.set(e.getClass().getSimpleName() + ": " + e.getMessage());
                if (attempt == 2) {
                    drop(droppedFailed, "send failed: " + lastError.get());
                    Thread.sleep(1000); // a dead receiver is not hammered with connects
                }
            }
        }
    }

    /** For the health check: where events go, and how many were sent, dropped and are waiting. */
    public com.fasterxml.jackson.databind.node.ObjectNode report() {
        var node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        node.put("target", target.toString());
        node.put("sent", (long) sent.count());
        node.put("dropped", dropped.get());
        node.put("queued", queue.size());
        node.put("lastError", lastError.get());
        return node;
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("unsubscribing: {}", e.toString());
        }
        // Give the queue a moment to drain: a stopping device's last events matter most.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!queue.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        running = false;
        thread.interrupt();
    }
}
