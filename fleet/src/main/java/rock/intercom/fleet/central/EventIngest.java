package rock.intercom.fleet.central;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.events.EventQuery;
import rock.intercom.events.EventStoreException;
import rock.intercom.events.EventStore;
import rock.intercom.events.NewEvent;
import rock.intercom.events.RecordedEvent;
import rock.intercom.events.SecurityEvent;
import rock.intercom.fleet.Wire;

/**
 * Stores the events devices ship, each exactly once. A device sends its events in the order of its
 * local ids; each stored copy carries {@value #DEVICE_EVENT_ID}, and the highest one stored per
 * device is the point to resume from. That mark is read back from the event store itself, so no
 * second database has to agree with it after a crash.
 */
final class EventIngest {

    private static final Logger LOG = LoggerFactory.getLogger(EventIngest.class);
    /** The detail naming an event's id in its device's own store. */
    static final String DEVICE_EVENT_ID = "deviceEventId";
    /** The detail keeping a device time too far off to be the event's time. */
    static final String DEVICE_TIME = "deviceTime";
    /** The detail keeping a source id other than the device's (e.g. sign-ins at its own portal). */
    static final String SOURCE = "source";
    /** Pages of newest events read back to find the mark (portal audit events of the device sit between). */
    private static final int MARK_SCAN_PAGES = 20;
    private static final int FIRST_MARK_PAGE = 10;

    /** Device clocks this far ahead of the portal's are not believed. */
    private static final long MAX_AHEAD_MS = java.time.Duration.ofDays(1).toMillis();
    private static final long EARLIEST_MS = Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();

    private final EventStore store;
    private final java.time.Clock clock;
    private final Map<String, Long> marks = new ConcurrentHashMap<>();

    EventIngest(EventStore store, java.time.Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The highest local event id of {@code deviceId} already stored (0: none). */
    long mark(String deviceId) {
        return marks.computeIfAbsent(deviceId, this::readMark);
    }

    /**
     * The mark read again from the store: another portal process on the same database may have
     * stored this device's events since (its link moved there and back). Marks only grow, so a read
     * racing the ingest thread cannot take one back.
     */
    long freshMark(String deviceId) {
        return marks.merge(deviceId, readMark(deviceId), Math::max);
    }

    /** One device's shipped batch, as it came over its link. */
    record Shipped(String deviceId, ArrayNode batch) {
    }

    /**
     * Stores the events of {@code batch} newer than the mark, in order; returns the new mark, which the
     * device may treat as acknowledged. Called by one thread at a time.
     */
    long ingest(String deviceId, ArrayNode batch) {
        return ingestAll(List.of(new Shipped(deviceId, batch)), List.of()).marks()[0];
    }

    /**
     * What {@link #ingestAll} stored: each batch's new mark, and the events stored alongside, or null
     * when they could not share the transaction (the caller then stores them on their own).
     */
    record Ingested(long[] marks, List<SecurityEvent> alongside) {
    }

    /**
     * Stores several batches (of one or many devices, in the order they arrived) in one transaction,
     * so one fsync for all: the portal's group commit. A batch with an implausible time, or a group
     * the store refuses, takes the careful path alone, so one bad device cannot slow the others.
     * {@code alongside} (the portal's own events) go first in the same transaction. Called by one
     * thread at a time.
     */
    Ingested ingestAll(List<Shipped> batches, List<RecordedEvent> alongside) {
        long[] result = new long[batches.size()];
        Map<String, Long> pending = new LinkedHashMap<>();
        List<RecordedEvent> group = new ArrayList<>(alongside);
        List<Integer> careful = new ArrayList<>();
        for (int i = 0; i < batches.size(); i++) {
            Shipped shipped = batches.get(i);
            long from = pending.containsKey(shipped.deviceId()) ? pending.get(shipped.deviceId())
                    : mark(shipped.deviceId());
            List<RecordedEvent> fresh = new ArrayList<>();
            long last = plausible(shipped, from, fresh);
            if (last < 0 || careful.stream().anyMatch(j -> batches.get(j).deviceId().equals(shipped.deviceId()))) {
                careful.add(i); // and every later batch of the same device, to keep its order
                continue;
            }
            group.addAll(fresh);
            pending.put(shipped.deviceId(), last);
            result[i] = last;
        }
        List<SecurityEvent> stored = group.isEmpty() ? List.of() : storeGroup(group);
        if (stored == null) {
            // Some event is invalid, or the store refused the group because another portal process on
            // the same database stored some of it first: marks read again, every batch on its own.
            batches.stream().map(Shipped::deviceId).distinct().forEach(this::freshMark);
            careful.clear();
            pending.clear();
            for (int i = 0; i < batches.size(); i++) {
                careful.add(i);
            }
        }
        pending.forEach((deviceId, mark) -> marks.merge(deviceId, mark, Math::max));
        for (int i : careful) {
            result[i] = ingestCarefully(batches.get(i).deviceId(), batches.get(i).batch());
        }
        return new Ingested(result, stored == null ? null : stored.subList(0, alongside.size()));
    }

    /** The new events of a batch into {@code fresh}; the last id, or -1 if some event's time or shape is not right. */
    private long plausible(Shipped shipped, long mark, List<RecordedEvent> fresh) {
        long last = mark;
        for (JsonNode event : shipped.batch()) {
            long localId = event.path("id").asLong(0);
            long time = event.path("time").asLong(0);
            if (localId <= last) {
                continue;
            }
            if (time < EARLIEST_MS || time > clock.millis() + MAX_AHEAD_MS) {
                return -1;
            }
            try {
                fresh.add(new RecordedEvent(toNewEvent(shipped.deviceId(), event, localId, null),
                        Instant.ofEpochMilli(time)));
            } catch (IllegalArgumentException invalid) {
                return -1;
            }
            last = localId;
        }
        return last;
    }

    /**
     * The stored events, or null when some event is invalid (nothing stored: validation comes first)
     * or the store refused the transaction (PostgreSQL's unique index: a copy is already there).
     */
    private List<SecurityEvent> storeGroup(List<RecordedEvent> group) {
        try {
            return store.appendAllRecorded(group);
        } catch (IllegalArgumentException | EventStoreException refused) {
            return null;
        }
    }

    /** Event by event: an implausible time is stored at arrival, a refused event skipped. */
    private long ingestCarefully(String deviceId, ArrayNode batch) {
        long mark = mark(deviceId);
        List<RecordedEvent> fresh = new ArrayList<>();
        long last = plausible(new Shipped(deviceId, batch), mark, fresh);
        if (last >= 0 && storeGroup(fresh) != null) {
            return marks.merge(deviceId, last, Math::max);
        }
        for (JsonNode event : batch) {
            long localId = event.path("id").asLong(0);
            if (localId <= mark) {
                continue; // shipped before the ack was lost: already stored
            }
            try {
                long time = event.path("time").asLong(0);
                if (time >= EARLIEST_MS && time <= clock.millis() + MAX_AHEAD_MS) {
                    store.appendRecorded(toNewEvent(deviceId, event, localId, null), Instant.ofEpochMilli(time));
                } else {
                    // An implausible device clock: stored at arrival, with what the device said kept beside.
                    store.append(toNewEvent(deviceId, event, localId, event.path("time").asText("")));
                }
            } catch (IllegalArgumentException rejected) {
                // A malformed event would block the outbox for ever: skip it, say so, move on.
                LOG.warn("device {}: event {} dropped: {}", deviceId, localId, rejected.getMessage());
            } catch (EventStoreException refused) {
                // Stored meanwhile by another portal process, or the store is failing: only the first
                // may be acknowledged; the second goes up, unacknowledged, and the device ships again.
                if (localId > freshMark(deviceId)) {
                    throw refused;
                }
                LOG.info("device {}: event {} already stored by another portal process", deviceId, localId);
            }
            mark = localId;
            marks.merge(deviceId, mark, Math::max);
        }
        return mark;
    }

    @SuppressWarnings("unchecked")
    private static NewEvent toNewEvent(String deviceId, JsonNode event, long localId, String untrustedTime) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (event.path("details").isObject()) {
            details.putAll(Wire.MAPPER.convertValue(event.get("details"), Map.class));
        }
        details.values().removeIf(java.util.Objects::isNull);
        details.put(DEVICE_EVENT_ID, localId);
        if (untrustedTime != null) {
            details.put(DEVICE_TIME, untrustedTime);
        }
        String source = event.path("deviceId").asText(deviceId);
        if (!source.equals(deviceId)) {
            details.put(SOURCE, source);
        }
        // The link's credential names the device: an event cannot claim to be another device's.
        return new NewEvent(deviceId, event.path("name").asText(""), details);
    }

    private long readMark(String deviceId) {
        // Read on every link (a thousand doors moving to this process at once): the newest few
        // events nearly always hold the mark, so the first page is small.
        int limit = FIRST_MARK_PAGE;
        EventQuery page = EventQuery.newest(limit).withDevice(deviceId);
        for (int i = 0; i < MARK_SCAN_PAGES; i++) {
            List<SecurityEvent> events = store.query(page);
            for (SecurityEvent event : events) {
                if (event.details().get(DEVICE_EVENT_ID) instanceof Number id) {
                    return id.longValue();
                }
            }
            if (events.size() < limit) {
                return 0;
            }
            limit = EventQuery.MAX_LIMIT;
            page = EventQuery.newest(limit).withDevice(deviceId).withBeforeId(events.get(events.size() - 1).id());
        }
        return 0;
    }
}
