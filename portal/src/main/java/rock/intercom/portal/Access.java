package rock.intercom.portal;

import io.javalin.security.RouteRole;

/** What a route needs from the caller; declared per route in {@link RouteTable}, checked once in {@link AccessGuard}. */
public enum Access implements RouteRole {
    /** Sign-in page and static assets. */
    ANYONE,
    /** Any signed-in user. */
    VIEW,
    /** An Account Administrator. */
    MODIFY
}
