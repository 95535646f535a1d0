package rock.intercom.portal.auth;

import java.time.Instant;

/**
 * One signed-in browser: who, the CSRF token its forms must carry, when it lapses if idle, when it
 * ends whatever happens ({@code endsAt}, the absolute lifetime) and the user's password stamp at
 * sign-in (a password change ends the session).
 */
public record PortalSession(String id, PortalUser user, String csrfToken, Instant expiresAt, Instant endsAt,
        String stamp) {
}
