package rock.intercom.portal.pages;

import static rock.intercom.portal.pages.Html.esc;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import rock.intercom.events.SecurityEvent;
import rock.intercom.events.SecurityEventName;
import rock.intercom.portal.AuditLog;
import rock.intercom.portal.Caller;
import rock.intercom.portal.DeviceControl;
import rock.intercom.portal.api.EventDetailsText;
import rock.intercom.portal.api.EventFilter;

/** Security Events: filter by event name, device and time range; newest first; pages; live rows. */
public final class SecurityEventsPage {

    private static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private SecurityEventsPage() {
    }

    /** Names offered in the filter: the guide's events, then the product's own. */
    public static List<String> eventNames() {
        List<String> names = new ArrayList<>();
        for (SecurityEventName name : SecurityEventName.values()) {
            names.add(name.label());
        }
        if (!names.contains(AuditLog.SIGNED_IN)) {
            names.add(AuditLog.SIGNED_IN);
        }
        return names;
    }

    public static String render(EventFilter filter, List<SecurityEvent> events, List<DeviceControl> devices,
            Caller caller, String problem) {
        StringBuilder body = new StringBuilder("<h1>Security Events</h1>");
        if (problem != null) {
            body.append("<p class=\"problem\" role=\"alert\">").append(esc(problem)).append("</p>");
        }
        java.util.Set<String> selectedNames = filter == null ? java.util.Set.of() : filter.names();
        body.append("<form method=\"get\" action=\"/security-events\" class=\"filters\">")
                .append("<div class=\"field\"><label for=\"filter-name\">Event names</label>")
                .append("<select id=\"filter-name\" name=\"name\" multiple size=\"6\" aria-describedby=\"filter-name-help\">");
        for (String name : eventNames()) {
            body.append("<option value=\"").append(esc(name)).append("\"").append(selectedNames.contains(name) ? " selected" : "")
                    .append(">").append(esc(name)).append("</option>");
        }
        body.append("</select><p class=\"help\" id=\"filter-name-help\">None selected: all events. Ctrl or ⌘ + click selects several.</p>")
                .append("</div><div class=\"field\"><label for=\"filter-device\">Device</label>")
                .append("<select id=\"filter-device\" name=\"device\">")
                .append(option("", "All devices", filter == null ? "" : nullToEmpty(filter.device())));
        for (DeviceControl device : devices) {
            body.append(option(device.id(), device.name(), filter == null ? "" : nullToEmpty(filter.device())));
        }
        body.append("</select></div>")
                .append(timeField("filter-from", "from", "From (UTC)", filter == null ? null : filter.from()))
                .append(timeField("filter-to", "to", "To (UTC)", filter == null ? null : filter.to()))
                .append("<button type=\"submit\">Apply filter</button> <a href=\"/security-events\">Clear</a></form>");
        if (filter != null) {
            String query = query(filter);
            boolean live = filter.before() == null;
            body.append("<p class=\"export\"><a id=\"export-csv\" download href=\"/api/v1/events.csv?").append(esc(query))
                    .append("\">Export this view as CSV</a></p>");
            body.append("<div class=\"table-wrap\"><table class=\"grid events\" id=\"security-events\" data-query=\"").append(esc(query)).append("\"")
                    .append(live ? " data-live-events" : "").append(">")
                    .append("<caption>Newest first").append(live ? "; new events appear as they happen" : "")
                    .append("</caption><thead><tr><th scope=\"col\">Time (UTC)</th><th scope=\"col\">Device</th>")
                    .append("<th scope=\"col\">Event</th><th scope=\"col\">Details</th></tr></thead><tbody>");
            for (SecurityEvent event : events) {
                body.append(row(event, devices));
            }
            if (events.isEmpty()) {
                body.append("<tr class=\"empty\"><td colspan=\"4\">No events match.</td></tr>");
            }
            body.append("</tbody></table></div><nav class=\"paging\" aria-label=\"Pages\">");
            if (filter.before() != null) {
                body.append("<a href=\"/security-events?").append(esc(query)).append("\">Newest events</a> ");
            }
            if (events.size() == filter.limit()) {
                body.append("<a rel=\"next\" href=\"/security-events?").append(esc(query)).append("&amp;before=")
                        .append(events.get(events.size() - 1).id()).append("\">Older events</a>");
            }
            body.append("</nav>");
        }
        return Layout.page("Security Events", caller, "security-events", body.toString());
    }

    static String row(SecurityEvent event, List<DeviceControl> devices) {
        String device = AuditLog.PORTAL_SOURCE.equals(event.deviceId()) ? "Admin Portal" : devices.stream().filter(d -> d.id().equals(event.deviceId()))
                .map(DeviceControl::name).findFirst().orElse(event.deviceId());
        StringBuilder details = new StringBuilder();
        for (EventDetailsText.Field field : EventDetailsText.fields(event.details())) {
            if (details.length() > 0) {
                details.append(" · ");
            }
            details.append("<span class=\"detail\" data-key=\"").append(esc(field.key())).append("\">")
                    .append(esc(field.text())).append("</span>");
        }
        return "<tr data-event-id=\"" + event.id() + "\"><td data-label=\"Time (UTC)\">"
                + esc(SHOWN.format(event.time().atOffset(ZoneOffset.UTC))) + "</td><td data-label=\"Device\">" + esc(device)
                + "</td><td data-label=\"Event\">" + esc(event.name()) + "</td><td data-label=\"Details\" class=\"details\">"
                + details + "</td></tr>";
    }

    /** The filter (without paging) as a query string for links and the live poll. */
    static String query(EventFilter filter) {
        List<String> parts = new ArrayList<>();
        filter.names().stream().sorted().forEach(n -> parts.add("name=" + enc(n)));
        if (filter.device() != null) {
            parts.add("device=" + enc(filter.device()));
        }
        if (filter.from() != null) {
            parts.add("from=" + enc(filter.from().toString()));
        }
        if (filter.to() != null) {
            parts.add("to=" + enc(filter.to().toString()));
        }
        parts.add("limit=" + filter.limit());
        return String.join("&", parts);
    }

    private static String timeField(String id, String name, String label, java.time.Instant value) {
        String shown = value == null ? "" : LOCAL_INPUT.format(value.truncatedTo(ChronoUnit.MINUTES).atOffset(ZoneOffset.UTC));
        return "<div class=\"field\"><label for=\"" + id + "\">" + label + "</label><input type=\"datetime-local\" id=\""
                + id + "\" name=\"" + name + "\" value=\"" + esc(shown) + "\"></div>";
    }

    private static String option(String value, String label, String selected) {
        return "<option value=\"" + esc(value) + "\"" + (value.equals(selected) ? " selected" : "") + ">" + esc(label)
                + "</option>";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
