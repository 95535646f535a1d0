package rock.intercom.portal.api;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import rock.intercom.events.EventQuery;
import rock.intercom.events.EventStore;
import rock.intercom.events.SecurityEvent;
import rock.intercom.portal.Json;

/**
 * A filtered view of the security events as CSV (RFC 4180: CRLF, quoted fields), newest first:
 * id, time (UTC), device, event, details (the labelled text) and details_json. Every matching event
 * up to {@link #MAX_ROWS}; the filter's {@code limit} sizes the pages read, {@code before} is honoured.
 */
public final class EventCsv {

    public static final int MAX_ROWS = 100_000;
    static final String HEADER = "id,time,device,event,details,details_json\r\n";

    private EventCsv() {
    }

    public static void write(EventStore events, EventFilter filter, Writer out) throws IOException {
        out.write(HEADER);
        EventQuery query = filter.toQuery();
        query = new EventQuery(query.deviceId(), query.names(), query.from(), query.to(), query.beforeId(),
                EventQuery.MAX_LIMIT);
        int written = 0;
        while (written < MAX_ROWS) {
            List<SecurityEvent> page = events.query(query);
            for (SecurityEvent event : page) {
                out.write(row(event));
            }
            written += page.size();
            if (page.size() < query.limit()) {
                break;
            }
            query = new EventQuery(query.deviceId(), query.names(), query.from(), query.to(),
                    page.get(page.size() - 1).id(), query.limit());
        }
    }

    static String row(SecurityEvent event) {
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(event.details());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            json = "";
        }
        return event.id() + "," + event.time() + "," + field(event.deviceId()) + "," + field(event.name()) + ","
                + field(EventDetailsText.text(event.details())) + "," + field(json) + "\r\n";
    }

    /**
     * One quoted field. Text that came from the network could start with = + - @ and be run as a
     * formula by a spreadsheet (CSV injection): such a field gets a leading apostrophe.
     */
    static String field(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
