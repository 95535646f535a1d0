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
import rock.intercom.events.EventStore;
import rock.intercom.events.EventStoreException;
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
     * stored this device's events since (its link moved there and back).
     */
    long freshMark(String deviceId) {
        marks.remove(deviceId);
        return mark(deviceId);
    }

    /**
     * Stores the events of {@code batch} newer than the mark, in order; returns the new mark, which the
     * device may treat as acknowledged. The caller holds the device's ingest lock. When the store
     * refuses the batch (e.g. PostgreSQL's unique index: another portal process stored some of it
     * first) the mark is read again and the rest stored.
     */
    long ingest(String deviceId, ArrayNode batch) {
        try {
            return ingestAfterMark(deviceId, batch);
        } catch (EventStoreException refused) {
            LOG.info("device {}: batch refused ({}); reading the mark again", deviceId, refused.getMessage());
            freshMark(deviceId);
            return ingestAfterMark(deviceId, batch);
        }
    }

    private long ingestAfterMark(String deviceId, ArrayNode batch) {
        long mark = mark(deviceId);
        // The usual case in one transaction: every new event valid and with a plausible time.
        try {
            List<RecordedEvent> whole = new ArrayList<>();
            long last = mark;
            for (JsonNode event : batch) {
                long localId = event.path("id").asLong(0);
                long time = event.path("time").asLong(0);
                if (localId <= last) {
                    continue;
                }
                if (time < EARLIEST_MS || time > clock.millis() + MAX_AHEAD_MS) {
                    whole = null;
                    break;
                }
                whole.add(new RecordedEvent(toNewEvent(deviceId, event, localId, null), Instant.ofEpochMilli(time)));
                last = localId;
            }
            if (whole != null) {
                store.appendAllRecorded(whole);
                marks.put(deviceId, last);
                return last;
            }
        } catch (IllegalArgumentException invalid) {
            // One bad event refuses the transaction: store the rest one by one below, skipping it.
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
            }
            mark = localId;
            marks.put(deviceId, mark);
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
