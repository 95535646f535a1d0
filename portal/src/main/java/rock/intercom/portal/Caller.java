package rock.intercom.portal;

import io.javalin.http.Context;
import rock.intercom.portal.auth.PortalSession;
import rock.intercom.portal.auth.PortalUser;

/** Who made the current request, and how: a browser session (which carries a CSRF token) or HTTP Basic. */
public record Caller(PortalUser user, PortalSession session) {

    private static final String ATTRIBUTE = "rock.intercom.portal.caller";

    public static void attach(Context ctx, Caller caller) {
        ctx.attribute(ATTRIBUTE, caller);
    }

    /** The authenticated caller; only routes with access ANYONE have none. */
    public static Caller of(Context ctx) {
        Caller caller = ctx.attribute(ATTRIBUTE);
        if (caller == null) {
            throw new PortalProblem(401, "sign in first");
        }
        return caller;
    }

    public static java.util.Optional<Caller> optional(Context ctx) {
        return java.util.Optional.ofNullable(ctx.attribute(ATTRIBUTE));
    }

    public String csrfToken() {
        return session == null ? "" : session.csrfToken();
    }
}
