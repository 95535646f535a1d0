package rock.intercom.portal.pages;

import io.javalin.http.Context;
import rock.intercom.portal.AccessGuard;
import rock.intercom.portal.AuditLog;
import rock.intercom.portal.SessionCookie;
import rock.intercom.portal.auth.PortalSession;
import rock.intercom.portal.auth.PortalUser;
import rock.intercom.portal.auth.SessionStore;

/**
 * What the pages people sign in to (not the API, which takes tokens) share: the access guard that
 * checks passwords and stamps sessions, the sessions and their cookie, and the audit log.
 */
public record BrowserSessions(AccessGuard guard, SessionStore sessions, SessionCookie cookies, AuditLog audit) {

    /** A new session for {@code user}, stamped with its current credentials and set as the browser's cookie. */
    PortalSession start(Context ctx, PortalUser user) {
        PortalSession session = sessions.create(user, guard.stampOf(user.username()));
        cookies.set(ctx, SessionCookie.SESSION, session.id());
        return session;
    }
}
