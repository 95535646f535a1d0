package rock.intercom.portal.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * In-memory browser sessions with an idle timeout and an absolute lifetime (a page that keeps
 * polling does not keep a session forever). Ids and CSRF tokens are 256-bit random values.
 * Kept in {@link SessionRecords}: by default in memory, bounded (past {@link #MAX_SESSIONS} the
 * least recently used session is dropped); a fleet's portal processes share a database. Thread-safe.
 */
public final class SessionStore {

    public static final int MAX_SESSIONS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration lifetime;
    private final SessionRecords sessions;

    /** Sessions that end after {@link #DEFAULT_LIFETIME} at the latest. */
    public SessionStore(Clock clock, Duration idleTimeout) {
        this(clock, idleTimeout, DEFAULT_LIFETIME);
    }

    public SessionStore(Clock clock, Duration idleTimeout, Duration lifetime) {
        this(clock, idleTimeout, lifetime, SessionRecords.inMemory(MAX_SESSIONS));
    }

    public SessionStore(Clock clock, Duration idleTimeout, Duration lifetime, SessionRecords records) {
        this.sessions = records;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.lifetime = lifetime;
    }

    /** The absolute lifetime of a session unless chosen: a working day. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(12);

    public synchronized PortalSession create(PortalUser user) {
        return create(user, "");
    }

    /** A new session for {@code user} whose password stamp is {@code stamp} ({@link UserStore#stamp}). */
    public synchronized PortalSession create(PortalUser user, String stamp) {
        Instant now = clock.instant();
        PortalSession session = new PortalSession(randomToken(), user, randomToken(), now.plus(idleTimeout),
                now.plus(lifetime), stamp);
        sessions.put(session);
        return session;
    }

    /** The live session with this id, its expiry pushed forward; empty if unknown or lapsed. */
    public synchronized Optional<PortalSession> touch(String id) {
        if (id == null) {
            return Optional.empty();
        }
        PortalSession session = sessions.get(id).orElse(null);
        Instant now = clock.instant();
        if (session == null) {
            return Optional.empty();
        }
        if (!now.isBefore(session.expiresAt()) || !now.isBefore(session.endsAt())) {
            sessions.remove(id);
            return Optional.empty();
        }
        Instant idleEnd = now.plus(idleTimeout);
        PortalSession renewed = new PortalSession(id, session.user(), session.csrfToken(),
                idleEnd.isAfter(session.endsAt()) ? session.endsAt() : idleEnd, session.endsAt(), session.stamp());
        if (Duration.between(session.expiresAt(), renewed.expiresAt()).compareTo(sessions.renewStep()) >= 0) {
            sessions.put(renewed);
        }
        return Optional.of(renewed);
    }

    /** Ends every session of {@code username} except {@code keep} (null: all), e.g. after a password reset. */
    public synchronized void endAllOf(String username, String keep) {
        sessions.removeAllOf(username, keep);
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
