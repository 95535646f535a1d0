package rock.intercom.portal;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.events.EventStore;
import rock.intercom.portal.api.DevicesApi;
import rock.intercom.portal.auth.LoginThrottle;
import rock.intercom.portal.auth.SessionStore;
import rock.intercom.portal.auth.UserStore;
import rock.intercom.portal.pages.ErrorPage;
import rock.intercom.portal.pages.PortalPages;

/**
 * The Admin Portal and the device JSON API ({@code /api/v1}) on one HTTP port (Javalin on Jetty
 * 12). Start once, stop once; handlers run on Jetty's threads.
 */
public final class PortalServer {

    private static final Logger LOG = LoggerFactory.getLogger(PortalServer.class);

    private final DeviceDirectory devices;
    private final EventStore events;
    private final UserStore users;
    private final PortalOptions options;
    private Javalin app;
    private RouteTable table;
    private PortalExtension extension = PortalExtension.NONE;

    public PortalServer(DeviceDirectory devices, EventStore events, UserStore users, PortalOptions options) {
        this.devices = devices;
        this.events = events;
        this.users = users;
        this.options = options;
    }

    /** Adds routes and server settings; call before {@link #start}. Returns this. */
    public synchronized PortalServer extend(PortalExtension value) {
        if (app != null) {
            throw new IllegalStateException("extend the portal before it starts");
        }
        extension = java.util.Objects.requireNonNull(value, "extension");
        return this;
    }

    /** Starts listening on {@code port} (0 picks a free one); returns this. */
    public synchronized PortalServer start(int port) {
        if (app != null) {
            throw new IllegalStateException("portal already started");
        }
        SessionStore sessions = new SessionStore(options.clock(), options.sessionIdleTimeout());
        LoginThrottle throttle = new LoginThrottle(options.clock(), options.maxLoginFailures(),
                options.loginFailureWindow(), options.loginLockout());
        AccessGuard guard = new AccessGuard(users, sessions, throttle);
        AuditLog audit = new AuditLog(events);
        AuditedSettings settings = new AuditedSettings(audit);
        SessionCookie cookies = new SessionCookie(options.secureCookies());
        table = new RouteTable(new DevicesApi(devices, events, settings),
                new PortalPages(devices, events, settings, guard, sessions, cookies, audit), extension.routes());
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.multipartConfig.maxFileSize(1, io.javalin.config.SizeUnit.MB);
            config.jetty.multipartConfig.maxTotalRequestSize(2, io.javalin.config.SizeUnit.MB);
            config.routes.beforeMatched(guard::check);
            table.registerOn(config.routes);
            extension.configure(config);
            config.routes.after(PortalServer::securityHeaders);
            config.routes.exception(PortalProblem.class, (e, ctx) -> respond(ctx, e.status(), e.getMessage()));
            config.routes.exception(AccessGuard.RateLimited.class, (e, ctx) -> {
                ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
                respond(ctx, 429, e.getMessage());
            });
            config.routes.exception(HttpResponseException.class,
                    (e, ctx) -> respond(ctx, e.getStatus(), e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
                respond(ctx, 500, "internal error; the server log has the details");
            });
        });
        app.start(options.host(), port);
        return this;
    }

    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException("portal not started");
        }
        return app.port();
    }

    /** The routes being served, with the access each needs (for review and tests). */
    public synchronized java.util.List<RouteTable.Route> routes() {
        if (table == null) {
            throw new IllegalStateException("portal not started");
        }
        return table.routes();
    }

    public synchronized void stop() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }

    private static void respond(Context ctx, int status, String message) {
        if (ctx.path().startsWith("/api/")) {
            if (status == 401) {
                ctx.header("WWW-Authenticate", "Basic realm=\"Rock Intercom\", charset=\"UTF-8\"");
            }
            Json.send(ctx, status, Json.object().put("error", message));
        } else if (status == 401) {
            ctx.redirect("/sign-in", io.javalin.http.HttpStatus.SEE_OTHER);
        } else {
            ctx.status(status).html(ErrorPage.render(status, message, Caller.optional(ctx).orElse(null)));
        }
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'");
        if (!ctx.path().startsWith("/assets/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }
}
