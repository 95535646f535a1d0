package rock.intercom.portal.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import rock.intercom.events.EventQuery;
import rock.intercom.portal.PortalProblem;

/**
 * The Security Events filter as given in a query string, shared by the API and the page:
 * {@code device}, {@code name} (repeatable or comma-separated), {@code from}/{@code to} (ISO-8601;
 * without an offset they are read as UTC), {@code limit} (1..1000, default 50) and {@code before}
 * (an event id: the page after it).
 */
public record EventFilter(String device, Set<String> names, Instant from, Instant to, Long before, int limit) {

    public static final int DEFAULT_LIMIT = 50;

    public static EventFilter parse(Map<String, List<String>> query) {
        String device = single(query, "device");
        Set<String> names = new LinkedHashSet<>();
        for (String value : query.getOrDefault("name", List.of())) {
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim());
                }
            }
        }
        Instant from = instant(query, "from");
        Instant to = instant(query, "to");
        if (from != null && to != null && from.isAfter(to)) {
            throw PortalProblem.badRequest("from (" + from + ") must not be after to (" + to + ")");
        }
        Long before = number(query, "before", 1, Long.MAX_VALUE);
        Long limit = number(query, "limit", 1, EventQuery.MAX_LIMIT);
        return new EventFilter(device, Set.copyOf(names), from, to, before,
                limit == null ? DEFAULT_LIMIT : limit.intValue());
    }

    public EventQuery toQuery() {
        return new EventQuery(device, names, from, to, before, limit);
    }

    private static String single(Map<String, List<String>> query, String key) {
        List<String> values = query.getOrDefault(key, List.of());
        if (values.size() > 1) {
            throw PortalProblem.badRequest(key + " may be given once");
        }
        return values.isEmpty() || values.get(0).isBlank() ? null : values.get(0).trim();
    }

    private static Instant instant(Map<String, List<String>> query, String key) {
        String text = single(query, key);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeException ignored) {
            // try the other ISO-8601 forms below
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException ignored) {
            // try a local date-time, read as UTC
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw PortalProblem.badRequest(key + " must be an ISO-8601 time such as 2026-01-31T12:00:00Z, was '"
                    + text + "'");
        }
    }

    private static Long number(Map<String, List<String>> query, String key, long min, long max) {
        String text = single(query, key);
        if (text == null) {
            return null;
        }
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw PortalProblem.badRequest(key + " must be a whole number, was '" + text + "'");
        }
        if (value < min || value > max) {
            throw PortalProblem.badRequest(key + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }
}
