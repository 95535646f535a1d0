package rock.intercom.portal.auth;

import java.time.Instant;

/** One signed-in browser: who, the CSRF token its forms must carry, and when it lapses. */
public record PortalSession(String id, PortalUser user, String csrfToken, Instant expiresAt) {
}
