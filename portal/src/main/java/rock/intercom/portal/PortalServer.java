package rock.intercom.portal;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.events.EventStore;
import rock.intercom.portal.api.DevicesApi;
import rock.intercom.portal.auth.ApiTokens;
import rock.intercom.portal.auth.LoginThrottle;
import rock.intercom.portal.auth.SessionStore;
import rock.intercom.portal.auth.SignInThrottle;
import rock.intercom.portal.auth.TokenDirectory;
import rock.intercom.portal.auth.UserDirectory;
import rock.intercom.portal.live.LiveFeeds;
import rock.intercom.portal.pages.BrowserSessions;
import rock.intercom.portal.pages.ErrorPage;
import rock.intercom.portal.pages.PortalPages;
import rock.intercom.portal.pages.TokenPages;
import rock.intercom.portal.pages.UserPages;

/**
 * The Admin Portal and the device JSON API ({@code /api/v1}) on one HTTP port (Javalin on Jetty
 * 12). Start once, stop once; handlers run on Jetty's threads.
 */
public final class PortalServer {

    private static final Logger LOG = LoggerFactory.getLogger(PortalServer.class);

    private final DeviceDirectory devices;
    private final EventStore events;
    private final UserDirectory users;
    private final TokenDirectory tokens;
    private final PortalOptions options;
    private Javalin app;
    private TlsKeys tls;
    private int httpsPort = -1;
    private org.eclipse.jetty.server.ServerConnector httpsConnector;
    private int connectionsPerAddress;
    private int connectionsInAll;
    private RouteTable table;
    private Operations operations = Operations.NONE;
    private LiveFeeds live;
    private PortalExtension extension = PortalExtension.NONE;
    private SignInThrottle signInThrottle;
    private rock.intercom.portal.auth.SessionRecords sessionRecords =
            rock.intercom.portal.auth.SessionRecords.inMemory(SessionStore.MAX_SESSIONS);

    /** A portal whose API tokens live in memory only. */
    public PortalServer(DeviceDirectory devices, EventStore events, UserDirectory users, PortalOptions options) {
        this(devices, events, users, ApiTokens.inMemory(), options);
    }

    public PortalServer(DeviceDirectory devices, EventStore events, UserDirectory users, TokenDirectory tokens,
            PortalOptions options) {
        this.devices = devices;
        this.events = events;
        this.users = users;
        this.tokens = tokens;
        this.options = options;
    }

    /**
     * Holds at most {@code perAddress} connections from one address open and {@code inAll} in all
     * ({@link ConnectionLimits}); without a call, Jetty's own (none). Call before {@link #start}.
     */
    public synchronized PortalServer limitConnections(int perAddress, int inAll) {
        if (perAddress < 1 || inAll < perAddress) {
            throw new IllegalArgumentException("connection limits " + perAddress + " per address, " + inAll + " in all");
        }
        this.connectionsPerAddress = perAddress;
        this.connectionsInAll = inAll;
        return this;
    }

    /** What health, metrics, SIP trace and self-test report; set before {@link #start}. */
    public synchronized PortalServer withOperations(Operations value) {
        operations = java.util.Objects.requireNonNull(value, "operations");
        return this;
    }

    /**
     * Serves HTTPS on {@code port} (0 picks a free one) with {@code keys} as well; plain HTTP then
     * only redirects to it (308), so cookies are only ever set over HTTPS (and marked Secure).
     * Call before {@link #start}.
     */
    public synchronized PortalServer withHttps(int port, TlsKeys keys) {
        this.httpsPort = port;
        this.tls = keys;
        return this;
    }

    /** Adds routes and server settings; call before {@link #start}. Returns this. */
    public synchronized PortalServer extend(PortalExtension value) {
        if (app != null) {
            throw new IllegalStateException("extend the portal before it starts");
        }
        extension = java.util.Objects.requireNonNull(value, "extension");
        return this;
    }

    /** Where sign-in sessions are kept (default: this process's memory); call before {@link #start}. */
    public synchronized PortalServer withSessionRecords(rock.intercom.portal.auth.SessionRecords value) {
        sessionRecords = java.util.Objects.requireNonNull(value, "sessionRecords");
        return this;
    }

    /**
     * Where failed sign-ins are counted (default: this process's memory, with the options' limits);
     * call before {@link #start}.
     */
    public synchronized PortalServer withSignInThrottle(SignInThrottle value) {
        signInThrottle = java.util.Objects.requireNonNull(value, "signInThrottle");
        return this;
    }

    /** Starts listening on {@code port} (0 picks a free one); returns this. */
    public synchronized PortalServer start(int port) {
        if (app != null) {
            throw new IllegalStateException("portal already started");
        }
        SessionStore sessions = new SessionStore(options.clock(), options.sessionIdleTimeout(), options.sessionLifetime(),
                sessionRecords);
        SignInThrottle throttle = signInThrottle != null ? signInThrottle : new LoginThrottle(options.clock(),
                options.maxLoginFailures(), options.loginFailureWindow(), options.loginLockout());
        AuditLog audit = new AuditLog(events);
        AccessGuard guard = new AccessGuard(users, tokens, sessions, throttle, audit, options.clock(),
                options.loginLockout());
        AuditedSettings settings = new AuditedSettings(audit);
        SessionCookie cookies = new SessionCookie(options.secureCookies());
        BrowserSessions browser = new BrowserSessions(guard, sessions, cookies, audit);
        live = new LiveFeeds(devices, options.clock());
        table = new RouteTable(new DevicesApi(devices, events, settings),
                new PortalPages(devices, events, settings, browser),
                new rock.intercom.portal.api.OperationsApi(devices, operations), live,
                new UserPages(users, browser), new TokenPages(tokens, audit, options.clock()),
                extension.routes());
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            // Javalin's pool but 2 idle threads instead of 8: a door's portal is idle nearly always
            // (issue 15: fewer threads); the bound of 250 stays, so busy portals still grow.
            config.jetty.threadPool = io.javalin.util.ConcurrencyUtil.jettyThreadPool("JettyServerThreadPool", 2, 250, false);
            if (connectionsPerAddress > 0) {
                config.jetty.modifyServer(server -> ConnectionLimits.install(server, connectionsPerAddress,
                        connectionsInAll));
            }
            config.jetty.multipartConfig.maxFileSize(1, io.javalin.config.SizeUnit.MB);
            config.jetty.multipartConfig.maxTotalRequestSize(2, io.javalin.config.SizeUnit.MB);
            if (tls != null) {
                // With a connector of our own Javalin adds none: the plain one (redirects only) is added here too.
                config.jetty.addConnector((server, http) -> {
                    var plain = new org.eclipse.jetty.server.ServerConnector(server,
                            new org.eclipse.jetty.server.HttpConnectionFactory(http));
                    plain.setHost(options.host());
                    plain.setPort(port);
                    return plain;
                });
                config.jetty.addConnector((server, http) -> httpsConnector(server, http));
                config.routes.before(this::redirectToHttps);
            }
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

    private org.eclipse.jetty.server.Connector httpsConnector(org.eclipse.jetty.server.Server server,
            org.eclipse.jetty.server.HttpConfiguration http) {
        var ssl = new org.eclipse.jetty.util.ssl.SslContextFactory.Server();
        ssl.setKeyStore(tls.keyStore());
        ssl.setKeyStorePassword(new String(tls.password()));
        var secure = new org.eclipse.jetty.server.HttpConfiguration(http);
        // A door is reached by its address: the certificate rarely names it, so SNI is not enforced.
        var customizer = new org.eclipse.jetty.server.SecureRequestCustomizer();
        customizer.setSniHostCheck(false);
        secure.addCustomizer(customizer);
        httpsConnector = new org.eclipse.jetty.server.ServerConnector(server,
                new org.eclipse.jetty.server.SslConnectionFactory(ssl, "http/1.1"),
                new org.eclipse.jetty.server.HttpConnectionFactory(secure));
        httpsConnector.setHost(options.host());
        httpsConnector.setPort(httpsPort);
        return httpsConnector;
    }

    /** With HTTPS on, a plain HTTP request is sent to the same path over HTTPS. */
    private void redirectToHttps(Context ctx) {
        if ("https".equalsIgnoreCase(ctx.scheme())) {
            return;
        }
        String host = ctx.host() == null ? options.host() : ctx.host();
        host = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.replaceFirst(":\\d+$", "");
        if (!host.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
            host = options.host();
        }
        String query = ctx.queryString() == null ? "" : "?" + ctx.queryString();
        ctx.header("Location", "https://" + host + ":" + httpsPort() + ctx.path() + query);
        ctx.status(308);
        ctx.skipRemainingHandlers();
    }

    /** The HTTPS port being served, or -1 without HTTPS. */
    public synchronized int httpsPort() {
        return httpsConnector == null ? -1 : ServerConnectorPorts.of(httpsConnector.getServer()).secure();
    }

    /** The local ports of the plain and the TLS connector of a started Jetty server. */
    private record ServerConnectorPorts(int plain, int secure) {
        static ServerConnectorPorts of(org.eclipse.jetty.server.Server server) {
            int plain = -1;
            int secure = -1;
            for (var connector : server.getConnectors()) {
                if (connector instanceof org.eclipse.jetty.server.ServerConnector c) {
                    if (c.getConnectionFactory(org.eclipse.jetty.server.SslConnectionFactory.class) != null) {
                        secure = c.getLocalPort();
                    } else {
                        plain = c.getLocalPort();
                    }
                }
            }
            return new ServerConnectorPorts(plain, secure);
        }
    }

    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException("portal not started");
        }
        if (httpsConnector != null) {
            // Two connectors: the plain one is the other.
            ServerConnectorPorts ports = ServerConnectorPorts.of(httpsConnector.getServer());
            return ports.plain();
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
        if (live != null) {
            live.close();
            live = null;
        }
        if (app != null) {
            app.stop();
            app = null;
        }
    }

    private static void respond(Context ctx, int status, String message) {
        // /metrics answers scrapers like the API: JSON errors and a Basic challenge, no sign-in redirect.
        if (ctx.path().startsWith("/api/") || ctx.path().equals("/metrics")) {
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
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; frame-ancestors 'none'; form-action 'self'");
        if (!ctx.path().startsWith("/assets/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }
}
