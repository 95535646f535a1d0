package rock.intercom.fleet.central;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.events.EventStore;
import rock.intercom.events.NewEvent;
import rock.intercom.events.RecordedEvent;
import rock.intercom.events.SecurityEvent;
import rock.intercom.fleet.Wire;

/**
 * Event ingest off Jetty's threads, with group commit. A link's handler only queues the batch its
 * device shipped; one {@code fleet-ingest} thread stores what has gathered from every device in one
 * transaction (one fsync for all) and then acknowledges each link. Storing on Jetty's threads, a
 * thousand devices shipping at once held every one of them waiting for the store's lock, and page
 * requests and settings answers queued behind.
 *
 * <p>Bounded: one batch per link waits here (a device ships its next batch only after the ack; a
 * second is a misbehaving device's and is dropped), and at most {@link #MAX_QUEUED_CHARS} of message
 * text in all. A link that finds the budget spent waits up to {@link #MAX_WAIT}, then is closed: its
 * device reconnects with backoff and ships again from the acknowledged mark, so nothing is lost.
 *
 * <p>The portal's own events (who changed which settings, sign-ins) take the same thread through
 * {@link #append}: a push to a thousand doors is a thousand audit events, one fsync each if alone.
 */
final class IngestQueue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestQueue.class);
    /** Queued message text in all: 64 Mi chars, a few hundred MiB of heap at the very worst. */
    static final int MAX_QUEUED_CHARS = 64 * 1024 * 1024;
    static final Duration MAX_WAIT = Duration.ofSeconds(10);
    /** Batches stored in one transaction: big enough to amortise the fsync, small enough to ack soon. */
    static final int MAX_GROUP = 200;
    /** How long a portal request waits for its audit event's commit. */
    static final Duration APPEND_WAIT = Duration.ofSeconds(30);

    /** What the ingest thread stores: a device's shipped batch, or one of the portal's own events. */
    private sealed interface Work permits Shipment, Append {
    }

    private record Shipment(RemoteDevice device, DeviceLink link, ArrayNode batch, long newest, int chars)
            implements Work {
    }

    private record Append(RecordedEvent event, CompletableFuture<SecurityEvent> stored) implements Work {
    }

    private final EventIngest ingest;
    private final Clock clock;
    private final EventStore store;
    private final LinkedBlockingQueue<Work> queue = new LinkedBlockingQueue<>();
    private final Set<DeviceLink> queuedLinks = ConcurrentHashMap.newKeySet();
    private final Semaphore budget = new Semaphore(MAX_QUEUED_CHARS);
    private final Thread writer;
    private volatile boolean closed;

    IngestQueue(EventStore store, EventIngest ingest, Clock clock) {
        this.store = store;
        this.ingest = ingest;
        this.clock = clock;
        this.writer = new Thread(this::run, "fleet-ingest");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Queues a batch {@code link} carried ({@code chars} long as text, {@code newest} the device's
     * newest event id); the ack goes out once it is stored. On Jetty's thread; may wait when full.
     */
    void offer(RemoteDevice device, DeviceLink link, ArrayNode batch, long newest, int chars) {
        if (!queuedLinks.add(link)) {
            LOG.debug("device {}: a second batch before the ack dropped", device.id());
            return;
        }
        int cost = Math.max(1, Math.min(chars, MAX_QUEUED_CHARS));
        boolean admitted;
        try {
            admitted = budget.tryAcquire(cost, MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted || closed) {
            if (admitted) {
                budget.release(cost);
            }
            queuedLinks.remove(link);
            LOG.warn("device {}: event ingest is behind; link closed, the device ships again later", device.id());
            link.close("portal busy: reconnect later");
            return;
        }
        queue.add(new Shipment(device, link, batch, newest, cost));
    }

    /**
     * Appends one of the portal's own events (an audit event of a portal request) in the next group
     * commit, at the portal's time now; durable when this returns, as {@link EventStore#append} is.
     */
    SecurityEvent append(NewEvent event) {
        if (Thread.currentThread() == writer) {
            // A store listener appending on this very thread would wait for itself: store it now.
            return store.appendAllRecorded(List.of(new RecordedEvent(event, clock.instant()))).get(0);
        }
        CompletableFuture<SecurityEvent> stored = new CompletableFuture<>();
        if (closed) {
            throw new IllegalStateException("the portal's event store is closed");
        }
        queue.add(new Append(new RecordedEvent(event, clock.instant()), stored));
        try {
            return stored.get(APPEND_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause
                    : new IllegalStateException("cannot store security event " + event.name(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing security event " + event.name(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("security event " + event.name() + " not stored within " + APPEND_WAIT, e);
        }
    }

    private void run() {
        List<Work> work = new ArrayList<>();
        while (!closed) {
            try {
                work.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(work, MAX_GROUP - 1);
            List<Shipment> shipments = new ArrayList<>();
            List<Append> appends = new ArrayList<>();
            work.forEach(w -> {
                if (w instanceof Shipment s) {
                    shipments.add(s);
                } else if (w instanceof Append a) {
                    appends.add(a);
                }
            });
            work.clear();
            store(shipments, appends);
        }
        queue.forEach(w -> {
            if (w instanceof Append a) {
                a.stored().completeExceptionally(new IllegalStateException("the portal's event store is closed"));
            }
        });
    }

    /** One transaction for the group's batches and the portal's own events; then the acks. */
    private void store(List<Shipment> shipments, List<Append> appends) {
        List<EventIngest.Shipped> batches = new ArrayList<>(shipments.size());
        shipments.forEach(s -> batches.add(new EventIngest.Shipped(s.device().id(), s.batch())));
        EventIngest.Ingested ingested;
        try {
            ingested = ingest.ingestAll(batches, appends.stream().map(Append::event).toList());
        } catch (RuntimeException e) {
            // Not acknowledged: the devices keep these events and ship them again on their next link.
            LOG.error("storing {} shipped batches failed; their links are closed", shipments.size(), e);
            shipments.forEach(s -> s.link().close("portal could not store events"));
            appends.forEach(a -> a.stored().completeExceptionally(e));
            return;
        } finally {
            shipments.forEach(s -> {
                queuedLinks.remove(s.link());
                budget.release(s.chars());
            });
        }
        if (ingested.alongside() != null) {
            for (int i = 0; i < appends.size(); i++) {
                appends.get(i).stored().complete(ingested.alongside().get(i));
            }
        } else {
            appendEachAlone(appends);
        }
        acknowledge(shipments, ingested.marks());
    }

    /** Some event of the group was invalid: each of the portal's own alone, so only a bad one fails. */
    private void appendEachAlone(List<Append> appends) {
        for (Append append : appends) {
            try {
                append.stored().complete(store.appendAllRecorded(List.of(append.event())).get(0));
            } catch (RuntimeException e) {
                append.stored().completeExceptionally(e);
            }
        }
    }

    private void acknowledge(List<Shipment> group, long[] marks) {
        long now = clock.millis();
        for (int i = 0; i < group.size(); i++) {
            Shipment shipment = group.get(i);
            shipment.device().contacted(now, shipment.newest() - marks[i]);
            try {
                shipment.link().send(Wire.message("ack").put("ackedEventId", marks[i]));
            } catch (RuntimeException e) {
                LOG.debug("ack to {} not sent: {}", shipment.device().id(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
