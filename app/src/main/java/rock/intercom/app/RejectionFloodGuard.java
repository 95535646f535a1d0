package rock.intercom.app;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import rock.intercom.call.EventDetails;
import rock.intercom.call.Ticker;

/**
 * Bounds how many {@code Call Rejected} events one source address writes per minute, so that an
 * INVITE flood from the LAN cannot fill the event store. The SIP side still refuses every such
 * INVITE; only the recording is bounded. What is held back is counted and reported as
 * {@code suppressedBefore} on the next event of that source that passes (in a later window).
 * All sources together are bounded too ({@value #ALL_PER_WINDOW} a minute): a flood from forged
 * addresses is a new source each packet, and would otherwise record (and fsync) every one of them.
 * What that bound held back is reported as {@code suppressedAllSources} on the next event recorded
 * in a later window. Not thread-safe: the call thread owns it.
 */
final class RejectionFloodGuard {

    /** Events recorded per source address and window; the guide's operator reads each of these. */
    static final int PER_WINDOW = 20;
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** Sources tracked at once; the oldest is forgotten first (a spoofed-source flood stays bounded). */
    static final int MAX_SOURCES = 1024;
    static final String SUPPRESSED_BEFORE = "suppressedBefore";
    /** Events recorded per window from all sources together. */
    static final int ALL_PER_WINDOW = 200;
    static final String SUPPRESSED_ALL_SOURCES = "suppressedAllSources";

    private final Ticker ticker;
    private final Map<String, Window> windows = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > MAX_SOURCES;
        }
    };

    /** The window of all sources together, and what its bound held back before (not yet reported). */
    private Window all;
    private long allHeldBack;

    RejectionFloodGuard(Ticker ticker) {
        this.ticker = ticker;
    }

    /** The details to record for this rejection, or empty when its source is over its share. */
    Optional<Map<String, Object>> admit(Map<String, Object> details) {
        String source = sourceAddress(details.get(EventDetails.SOURCE));
        long now = ticker.nanos();
        Window window = windows.get(source);
        long carried = 0;
        if (window == null || now - window.start >= WINDOW.toNanos()) {
            carried = window == null ? 0 : window.suppressed;
            window = new Window(now);
            windows.put(source, window);
        }
        if (window.recorded >= PER_WINDOW) {
            window.suppressed++;
            return Optional.empty();
        }
        if (all == null || now - all.start >= WINDOW.toNanos()) {
            allHeldBack += all == null ? 0 : all.suppressed;
            all = new Window(now);
        }
        if (all.recorded >= ALL_PER_WINDOW) {
            all.suppressed++;
            window.suppressed += carried; // the source's own count waits for its next recorded event
            return Optional.empty();
        }
        all.recorded++;
        window.recorded++;
        if (carried == 0 && allHeldBack == 0) {
            return Optional.of(details);
        }
        Map<String, Object> withCounts = new LinkedHashMap<>(details);
        if (carried > 0) {
            withCounts.put(SUPPRESSED_BEFORE, carried);
        }
        if (allHeldBack > 0) {
            withCounts.put(SUPPRESSED_ALL_SOURCES, allHeldBack);
            allHeldBack = 0;
        }
        return Optional.of(withCounts);
    }

    /** Sources tracked now; never more than {@link #MAX_SOURCES}. */
    int trackedSources() {
        return windows.size();
    }

    /** "10.0.0.7:5060" → "10.0.0.7", "::1:5060" → "::1": a flood changes ports freely. */
    private static String sourceAddress(Object source) {
        String text = source == null ? "" : source.toString();
        int colon = text.lastIndexOf(':');
        boolean port = colon > 0 && colon < text.length() - 1 && text.substring(colon + 1).chars().allMatch(Character::isDigit);
        return port ? text.substring(0, colon) : text;
    }

    private static final class Window {
        final long start;
        int recorded;
        long suppressed;

        Window(long start) {
            this.start = start;
        }
    }
}
