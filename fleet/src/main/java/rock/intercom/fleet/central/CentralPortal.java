package rock.intercom.fleet.central;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import rock.intercom.events.EventStore;
import rock.intercom.events.PostgresEventStore;
import rock.intercom.events.SqliteEventStore;
import rock.intercom.portal.DeviceDirectory;
import rock.intercom.portal.PortalOptions;
import rock.intercom.portal.PortalServer;
import rock.intercom.portal.TlsKeys;
import rock.intercom.portal.auth.ApiTokens;
import rock.intercom.portal.auth.PasswordHashes;
import rock.intercom.portal.auth.TokenDirectory;
import rock.intercom.portal.auth.UserDirectory;
import rock.intercom.portal.auth.UserStore;

/**
 * {@code ./intercom portal}: the Admin Portal and API over every enrolled device. Users and API
 * tokens live in the data dir, or with {@code dbUrl} in PostgreSQL beside the sessions; the
 * registry and events in SQLite there, or in PostgreSQL with {@code dbUrl} (user and password from
 * {@value #DB_USER_ENV} / {@value #DB_PASSWORD_ENV}, never argv).
 */
public final class CentralPortal implements AutoCloseable {

    public static final String DB_USER_ENV = "INTERCOM_DB_USER";
    public static final String DB_PASSWORD_ENV = "INTERCOM_DB_PASSWORD";
    /** How long an enrolment token may wait for its device. */
    public static final Duration TOKEN_VALIDITY = Duration.ofHours(24);

    private final FleetRegistry registry;
    private final EventStore events;
    private final IngestQueue shipments;
    private final PortalServer server;
    private final AutoCloseable cluster;

    private CentralPortal(FleetRegistry registry, EventStore events, IngestQueue shipments, PortalServer server,
            AutoCloseable cluster) {
        this.registry = registry;
        this.events = events;
        this.shipments = shipments;
        this.server = server;
        this.cluster = cluster;
    }

    /** Opens the stores and starts serving on {@code host:port} (port 0 picks a free one). */
    public static CentralPortal start(Path dataDir, String dbUrl, String host, int port, Map<String, String> env,
            PrintStream announce) {
        return start(dataDir, dbUrl, host, port, null, -1, env, announce);
    }

    /**
     * As above, serving HTTPS with {@code tls} on {@code httpsPort} too (0 picks one); plain HTTP
     * then only redirects, and devices link over {@code wss://}. {@code tls} null: plain HTTP only.
     */
    public static CentralPortal start(Path dataDir, String dbUrl, String host, int port, TlsKeys tls, int httpsPort,
            Map<String, String> env, PrintStream announce) {
        Clock clock = Clock.systemUTC();
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("data dir " + dataDir + ": " + e.getMessage(), e);
        }
        FleetRegistry registry;
        EventStore events;
        String user = env.getOrDefault(DB_USER_ENV, "intercom");
        String password = env.getOrDefault(DB_PASSWORD_ENV, "");
        if (dbUrl == null) {
            registry = FleetRegistry.open("jdbc:sqlite:" + dataDir.resolve("fleet.db").toAbsolutePath(), null, null,
                    clock);
            events = SqliteEventStore.open(dataDir, clock);
        } else {
            requirePostgres(dbUrl);
            // Events first; the store is closed again when the registry cannot open.
            events = PostgresEventStore.open(dbUrl, user, password, clock);
            try {
                registry = FleetRegistry.open(dbUrl, user, password, clock);
            } catch (RuntimeException e) {
                events.close();
                throw e;
            }
        }
        IngestQueue shipments = null;
        PortalCluster cluster = null;
        try {
            FleetDirectory directory = new FleetDirectory(registry);
            // Several processes may share a PostgreSQL database: sessions, users and API tokens there,
            // commands routed to any link.
            cluster = dbUrl == null ? null : PortalCluster.start(dbUrl, user, password, directory);
            UserDirectory users = cluster == null ? UserStore.open(dataDir, env, announce)
                    : cluster.users(env, announce, clock);
            TokenDirectory tokens = cluster == null ? ApiTokens.open(dataDir) : cluster.tokens(clock);
            DeviceDirectory everywhere = cluster == null ? directory : cluster.directory();
            EventIngest ingest = new EventIngest(events, clock);
            shipments = new IngestQueue(events, ingest, clock);
            EventStore portalEvents = new GroupCommitEvents(events, shipments);
            FleetHub hub = new FleetHub(registry, directory, everywhere, ingest, shipments, portalEvents, clock,
                    TOKEN_VALIDITY);
            PortalOptions options = PortalOptions.defaults().withHost(host);
            PortalServer server = new PortalServer(everywhere, portalEvents, users, tokens,
                    tls == null ? options : options.withSecureCookies(true));
            if (cluster != null) {
                server.withSessionRecords(cluster.sessions(clock))
                        .withSignInThrottle(cluster.signInThrottle(options));
            }
            server.extend(hub);
            if (tls != null) {
                server.withHttps(httpsPort, tls);
            }
            server.start(port);
            return new CentralPortal(registry, events, shipments, server, cluster == null ? () -> { } : cluster);
        } catch (RuntimeException e) {
            if (cluster != null) {
                cluster.close();
            }
            if (shipments != null) {
                shipments.close();
            }
            events.close();
            registry.close();
            throw e;
        }
    }

    /**
     * Runs {@code work} on the users of the portal processes sharing {@code dbUrl} ({@code ./intercom
     * user --db-url}); the database's user and password come from {@code env} as for the portal.
     */
    public static void onSharedUsers(String dbUrl, Map<String, String> env, PrintStream announce,
            Consumer<UserDirectory> work) {
        requirePostgres(dbUrl);
        try (ClusterDatabase db = ClusterDatabase.open(dbUrl, env.getOrDefault(DB_USER_ENV, "intercom"),
                env.getOrDefault(DB_PASSWORD_ENV, ""))) {
            work.accept(PostgresUserDirectory.open(db.pool(), env, announce, PasswordHashes.DEFAULT_COST,
                    Clock.systemUTC()));
        }
    }

    private static void requirePostgres(String dbUrl) {
        if (!dbUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--db-url must be a jdbc:postgresql: URL, was " + dbUrl);
        }
    }

    public int port() {
        return server.port();
    }

    /** The HTTPS port, or -1 without HTTPS. */
    public int httpsPort() {
        return server.httpsPort();
    }

    @Override
    public void close() {
        server.stop();
        shipments.close();
        try {
            cluster.close();
        } catch (Exception e) {
            // Closing on shutdown: the others see this process's heartbeat stop.
        }
        events.close();
        registry.close();
    }
}
