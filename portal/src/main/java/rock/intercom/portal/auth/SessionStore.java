package rock.intercom.portal.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * In-memory browser sessions with an idle timeout. Ids and CSRF tokens are 256-bit random values.
 * Bounded: past {@link #MAX_SESSIONS} the least recently used session is dropped. Thread-safe.
 */
public final class SessionStore {

    public static final int MAX_SESSIONS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Duration idleTimeout;
    private final LinkedHashMap<String, PortalSession> sessions = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PortalSession> eldest) {
            return size() > MAX_SESSIONS;
        }
    };

    public SessionStore(Clock clock, Duration idleTimeout) {
        this.clock = clock;
        this.idleTimeout = idleTimeout;
    }

    public synchronized PortalSession create(PortalUser user) {
        PortalSession session = new PortalSession(randomToken(), user, randomToken(), clock.instant().plus(idleTimeout));
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session with this id, its expiry pushed forward; empty if unknown or lapsed. */
    public synchronized Optional<PortalSession> touch(String id) {
        if (id == null) {
            return Optional.empty();
        }
        PortalSession session = sessions.get(id);
        Instant now = clock.instant();
        if (session == null) {
            return Optional.empty();
        }
        if (!now.isBefore(session.expiresAt())) {
            sessions.remove(id);
            return Optional.empty();
        }
        PortalSession renewed = new PortalSession(id, session.user(), session.csrfToken(), now.plus(idleTimeout));
        sessions.put(id, renewed);
        return Optional.of(renewed);
    }

    public synchronized void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
