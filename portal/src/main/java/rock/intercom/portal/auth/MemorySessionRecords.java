package rock.intercom.portal.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Sessions in this process's memory, least recently used dropped past the bound. Thread-safe. */
final class MemorySessionRecords implements SessionRecords {

    private final LinkedHashMap<String, PortalSession> sessions;

    MemorySessionRecords(int max) {
        sessions = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PortalSession> eldest) {
                return size() > max;
            }
        };
    }

    @Override
    public synchronized void put(PortalSession session) {
        sessions.put(session.id(), session);
    }

    @Override
    public synchronized Optional<PortalSession> get(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    @Override
    public synchronized void remove(String id) {
        sessions.remove(id);
    }

    @Override
    public synchronized void removeAllOf(String username, String keep) {
        sessions.values().removeIf(s -> s.user().username().equals(username) && !s.id().equals(keep));
    }
}
