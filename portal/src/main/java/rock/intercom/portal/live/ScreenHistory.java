package rock.intercom.portal.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The last screens one door showed, each with its time and the label the device page lists it
 * under: the guide's call states in order (Dialing, Ringing, Connected, Call failed, and Call
 * ended when a call goes back to Idle). Bounded; thread-safe.
 */
public final class ScreenHistory {

    /** One listed state: what the screen said, what the list calls it, and when. */
    public record Entry(ScreenChange change, String label) {
    }

    private final int capacity;
    private final Deque<Entry> entries = new ArrayDeque<>(); // guarded by this

    public ScreenHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
    }

    /** Adds {@code next}, labelled against the screen before it; returns the entry. */
    public synchronized Entry add(ScreenChange next) {
        Entry last = entries.peekLast();
        Entry entry = new Entry(next, label(last == null ? null : last.change(), next));
        entries.addLast(entry);
        while (entries.size() > capacity) {
            entries.removeFirst();
        }
        return entry;
    }

    /** The entries, oldest first. */
    public synchronized List<Entry> entries() {
        return new ArrayList<>(entries);
    }

    /** How a state is listed: the screen's text, except Idle right after a call, which is the call ending. */
    static String label(ScreenChange previous, ScreenChange next) {
        if ("IDLE".equals(next.kind())) {
            return previous != null && previous.inCall() ? "Call ended" : "Idle";
        }
        return next.text();
    }
}
