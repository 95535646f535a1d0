package rock.intercom.portal;

import io.javalin.http.Context;

/** Writes the portal's cookies: always HttpOnly and SameSite=Strict; Secure behind TLS. */
public final class SessionCookie {

    public static final String SESSION = "intercom_session";
    /** Pre-session token for the sign-in form (double-submit CSRF protection). */
    public static final String SIGN_IN = "intercom_sign_in";

    private final boolean alwaysSecure;

    public SessionCookie(boolean alwaysSecure) {
        this.alwaysSecure = alwaysSecure;
    }

    public void set(Context ctx, String name, String value) {
        ctx.res().addHeader("Set-Cookie", format(ctx, name, value, -1));
    }

    public void clear(Context ctx, String name) {
        ctx.res().addHeader("Set-Cookie", format(ctx, name, "", 0));
    }

    private String format(Context ctx, String name, String value, int maxAge) {
        StringBuilder cookie = new StringBuilder(name).append('=').append(value)
                .append("; Path=/; HttpOnly; SameSite=Strict");
        if (maxAge >= 0) {
            cookie.append("; Max-Age=").append(maxAge);
        }
        if (alwaysSecure || "https".equalsIgnoreCase(ctx.scheme())) {
            cookie.append("; Secure");
        }
        return cookie.toString();
    }
}
