package rock.intercom.sip;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of bad input (packets that do not parse, the stack's complaints about them), bounded so
 * that a flood cannot fill the disk: each line is one printable line of at most
 * {@value #MAX_LINE_BYTES} bytes; per source, the first {@value #LINES_PER_MINUTE} lines of a minute
 * are written and the rest only counted, and the count is written as one summary line when that
 * source is heard from after the minute. Sources tracked at once are bounded too (the oldest is
 * summarised and forgotten), and so is the whole log: at most {@value #LINES_PER_MINUTE_IN_ALL}
 * lines a minute whatever the number of sources (a flood from forged addresses is a new source
 * each packet), the rest counted and told in one line when the next minute starts.
 * Thread-safe: stack threads of every stack share one instance.
 */
public final class BadPacketLog {

    static final int MAX_LINE_BYTES = 500;
    static final int LINES_PER_MINUTE = 5;
    static final int LINES_PER_MINUTE_IN_ALL = 60;
    private static final int MAX_SOURCES = 256;
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final BadPacketLog PACKETS = new BadPacketLog(LoggerFactory.getLogger("rock.intercom.sip.badinput"),
            Clock.systemUTC());
    private static final BadPacketLog STACK = new BadPacketLog(LoggerFactory.getLogger("gov.nist.javax.sip"),
            Clock.systemUTC());

    private static final BadPacketLog REFUSALS = new BadPacketLog(
            LoggerFactory.getLogger("rock.intercom.sip.refusals"), Clock.systemUTC());

    private final Logger log;
    private final Clock clock;
    private final Map<String, Window> windows = new LinkedHashMap<>();
    /** The whole log's minute: when it started, lines written in it, lines held back by its budget. */
    private Instant minuteStart;
    private int linesThisMinute;
    private long heldBackThisMinute;

    BadPacketLog(Logger log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** The one log of bad packets of this JVM; sources are "bad SIP packet from ADDRESS:PORT". */
    static BadPacketLog packets() {
        return PACKETS;
    }

    /** The one log of JAIN-SIP's warnings and errors, mostly about bad input too; one source per level. */
    static BadPacketLog stack() {
        return STACK;
    }

    /**
     * The one log of refused INVITEs: a stranger's flood writes a few lines a minute per source, and
     * a Call-ID of thousands of characters cannot make one line long.
     */
    public static BadPacketLog refusals() {
        return REFUSALS;
    }

    /** Logs (or counts, past the minute's few) one line {@code source: what}. */
    public void report(String source, String what) {
        java.util.List<String> out = new java.util.ArrayList<>(3);
        synchronized (windows) {
            Instant now = clock.instant();
            if (minuteStart == null || !now.isBefore(minuteStart.plus(WINDOW))) {
                if (heldBackThisMinute > 0) {
                    out.add(heldBackThisMinute + " more lines in the minute since " + minuteStart
                            + " held back (at most " + LINES_PER_MINUTE_IN_ALL + " a minute from all sources)");
                }
                minuteStart = now;
                linesThisMinute = 0;
                heldBackThisMinute = 0;
            }
            Window window = windows.get(source);
            if (window != null && !now.isBefore(window.start.plus(WINDOW))) {
                within(window.summary(source), out);
                windows.remove(source);
                window = null;
            }
            if (window == null) {
                if (windows.size() >= MAX_SOURCES) {
                    var eldest = windows.entrySet().iterator().next();
                    within(eldest.getValue().summary(eldest.getKey()), out);
                    windows.remove(eldest.getKey());
                }
                window = new Window(now);
                windows.put(source, window);
            }
            if (window.lines++ < LINES_PER_MINUTE) {
                within(oneLine(source + ": " + what), out);
            }
        }
        out.forEach(log::warn);
    }

    /** Adds {@code line} (if any) to what is written, within the whole log's budget of the minute; else counts it. */
    private void within(String line, java.util.List<String> out) {
        if (line == null) {
            return;
        }
        if (linesThisMinute < LINES_PER_MINUTE_IN_ALL) {
            linesThisMinute++;
            out.add(line);
        } else {
            heldBackThisMinute++;
        }
    }

    /** {@code text} as one printable ASCII line of at most {@value #MAX_LINE_BYTES} bytes. */
    public static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder line = new StringBuilder(Math.min(text.length(), MAX_LINE_BYTES));
        for (int i = 0; i < text.length() && line.length() < MAX_LINE_BYTES; i++) {
            char c = text.charAt(i);
            line.append(c == '\r' || c == '\n' || c == '\t' ? ' ' : c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (line.length() == MAX_LINE_BYTES && text.length() > MAX_LINE_BYTES) {
            line.setLength(MAX_LINE_BYTES - 3);
            line.append("...");
        }
        return line.toString();
    }

    /** One source's current minute. */
    private static final class Window {
        final Instant start;
        int lines;

        Window(Instant start) {
            this.start = start;
        }

        String summary(String source) {
            int suppressed = lines - LINES_PER_MINUTE;
            return suppressed > 0 ? oneLine(source + ": " + suppressed + " more in the minute since " + start
                    + " (counted, not logged one by one)") : null;
        }
    }
}
