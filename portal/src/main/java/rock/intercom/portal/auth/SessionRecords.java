package rock.intercom.portal.auth;

import java.time.Duration;
import java.util.Optional;

/**
 * Where {@link SessionStore} keeps its sessions: in this process's memory (one portal), or in a
 * database that several portal processes share, so a sign-in on one works on every other.
 * Implementations are thread-safe and bounded.
 */
public interface SessionRecords {

    void put(PortalSession session);

    Optional<PortalSession> get(String id);

    void remove(String id);

    /** Removes every session of {@code username} except {@code keep} (null: all). */
    void removeAllOf(String username, String keep);

    /**
     * How far an idle expiry must move before a renewed session is written again: zero in memory;
     * a shared database is spared a write on every request.
     */
    default Duration renewStep() {
        return Duration.ZERO;
    }

    /** At most {@code max} sessions in memory; past that the least recently used is dropped. */
    static SessionRecords inMemory(int max) {
        return new MemorySessionRecords(max);
    }
}
