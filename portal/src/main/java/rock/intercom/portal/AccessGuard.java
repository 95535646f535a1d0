package rock.intercom.portal;

import io.javalin.http.Context;
import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import rock.intercom.portal.auth.BasicCredentials;
import rock.intercom.portal.auth.PortalSession;
import rock.intercom.portal.auth.PortalUser;
import rock.intercom.portal.auth.SessionStore;
import rock.intercom.portal.auth.SignInThrottle;
import rock.intercom.portal.auth.UserDirectory;

/**
 * The one place where access is checked, before every matched route: who is calling (session
 * cookie, an API bearer token or HTTP Basic), whether their role grants the route's {@link Access}, and, for requests
 * that change something, that they do not come from another site and carry the session's CSRF token.
 */
public final class AccessGuard {

    public static final String CSRF_FIELD = "_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final UserDirectory users;
    private final rock.intercom.portal.auth.TokenDirectory tokens;
    private final SessionStore sessions;
    private final SignInThrottle throttle;
    private final AuditLog audit;
    private final java.time.Clock clock;
    private final Duration lockout;

    public AccessGuard(UserDirectory users, rock.intercom.portal.auth.TokenDirectory tokens, SessionStore sessions,
            SignInThrottle throttle, AuditLog audit, java.time.Clock clock, Duration lockout) {
        this.users = users;
        this.tokens = tokens;
        this.sessions = sessions;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
        this.lockout = lockout;
    }

    public void check(Context ctx) {
        Access access = ctx.routeRoles().stream()
                .filter(Access.class::isInstance).map(Access.class::cast)
                .findFirst().orElse(Access.MODIFY); // a route without a declared access is locked down
        boolean unsafe = isUnsafe(ctx);
        if (unsafe) {
            refuseCrossSite(ctx);
        }
        if (access == Access.ANYONE) {
            return;
        }
        Caller caller = identify(ctx).orElseThrow(() -> new PortalProblem(401, "sign in first"));
        if (!caller.user().role().grants(access)) {
            throw new PortalProblem(403, "the role " + caller.user().role() + " may not do this; "
                    + "an Account Administrator may");
        }
        if (unsafe && caller.session() != null) {
            requireCsrfToken(ctx, caller.session());
        }
        Caller.attach(ctx, caller);
    }

    private Optional<Caller> identify(Context ctx) {
        Optional<PortalSession> session = sessions.touch(ctx.cookie(SessionCookie.SESSION));
        if (session.isPresent()) {
            // The user store is the truth: a removed user, a new role or a new password applies at once.
            PortalSession live = session.get();
            Optional<PortalUser> now = users.find(live.user().username());
            if (now.isEmpty() || !users.stamp(live.user().username()).orElse("").equals(live.stamp())) {
                sessions.end(live.id());
                return Optional.empty();
            }
            return Optional.of(new Caller(now.get(), live));
        }
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            // Integrations: a SHA-256 look-up, no bcrypt, so a press through the API is not slowed.
            PortalUser holder = tokens.verify(authorization.substring(7).trim())
                    .orElseThrow(() -> new PortalProblem(401, "unknown or revoked API token"));
            return Optional.of(new Caller(holder, null));
        }
        Optional<BasicCredentials> basic = BasicCredentials.parse(authorization);
        if (basic.isEmpty()) {
            return Optional.empty();
        }
        PortalUser user = verify(basic.get().username(), basic.get().password(), ctx.ip(), "api");
        return Optional.of(new Caller(user, null));
    }

    /**
     * Checks a password under the rate limits (per user and address, per user, per address); 429
     * while locked out, 401 when wrong. Failures and lockouts are recorded as events.
     */
    public PortalUser verify(String username, char[] password, String ip, String via) {
        Optional<Duration> wait = throttle.retryAfter(username, ip);
        if (wait.isPresent()) {
            java.util.Arrays.fill(password, '\0');
            throw new RateLimited(wait.get());
        }
        Optional<PortalUser> user = users.verify(username, password);
        java.util.Arrays.fill(password, '\0');
        if (user.isEmpty()) {
            audit.signInFailed(username, ip, via);
            throttle.failed(username, ip).ifPresent(scope ->
                    audit.signInLocked(username, ip, scope.name(), clock.instant().plus(lockout)));
            throw new PortalProblem(401, "wrong user name or password");
        }
        throttle.succeeded(username, ip);
        return user.get();
    }

    /** The user's password stamp for a new session ({@link UserDirectory#stamp}). */
    public String stampOf(String username) {
        return users.stamp(username).orElse("");
    }

    private static boolean isUnsafe(Context ctx) {
        String method = ctx.method().name();
        return !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
    }

    /** Browsers say where a request comes from; a state change from another origin is refused. */
    private static void refuseCrossSite(Context ctx) {
        String fetchSite = ctx.header("Sec-Fetch-Site");
        if ("cross-site".equalsIgnoreCase(fetchSite)) {
            throw new PortalProblem(403, "cross-site request refused");
        }
        String origin = ctx.header("Origin");
        String host = ctx.header("Host");
        if (origin != null && host != null) {
            String originHost;
            try {
                originHost = URI.create(origin).getRawAuthority();
            } catch (IllegalArgumentException e) {
                originHost = null;
            }
            if (originHost == null || !originHost.equalsIgnoreCase(host)) {
                throw new PortalProblem(403, "cross-site request refused");
            }
        }
    }

    private static void requireCsrfToken(Context ctx, PortalSession session) {
        String sent = ctx.header(CSRF_HEADER);
        if (sent == null) {
            String contentType = ctx.contentType() == null ? "" : ctx.contentType();
            if (contentType.startsWith("application/x-www-form-urlencoded") || contentType.startsWith("multipart/")) {
                sent = ctx.formParam(CSRF_FIELD);
            }
        }
        if (!tokensEqual(sent, session.csrfToken())) {
            throw new PortalProblem(403, "missing or wrong CSRF token: reload the page and try again");
        }
    }

    static boolean tokensEqual(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** Too many failed sign-ins for this user and IP. */
    public static final class RateLimited extends RuntimeException {
        private final Duration retryAfter;

        RateLimited(Duration retryAfter) {
            super("too many failed sign-ins; try again in " + Math.max(1, retryAfter.toSeconds()) + " s", null, false,
                    false);
            this.retryAfter = retryAfter;
        }

        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }
}
