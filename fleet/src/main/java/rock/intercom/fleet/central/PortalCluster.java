package rock.intercom.fleet.central;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.portal.DeviceDirectory;
import rock.intercom.portal.PortalOptions;
import rock.intercom.portal.auth.PasswordHashes;
import rock.intercom.portal.auth.SessionRecords;
import rock.intercom.portal.auth.SignInThrottle;
import rock.intercom.portal.auth.TokenDirectory;
import rock.intercom.portal.auth.UserDirectory;

/**
 * One of several stateless portal processes on one PostgreSQL: its sessions, users and API tokens
 * in the database, its devices' links published on the {@link LinkBoard}, commands for links
 * held elsewhere relayed through {@link CommandRelay}. Each process gets a random id at start; nothing else tells the
 * processes apart, so any of them can be killed, restarted or added.
 *
 * <p>Threading: {@code fleet-board} publishes this process's links and heartbeat every
 * {@link #PUBLISH_EVERY}, reads the registry again every few rounds (devices enrolled or revoked
 * through another process) and sweeps stale relay rows; the relay has its own threads.
 */
final class PortalCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PortalCluster.class);
    static final Duration PUBLISH_EVERY = Duration.ofSeconds(1);
    private static final int SWEEP_EVERY_ROUNDS = 30;
    /** Revoked on another process: the link held here is closed within this many rounds. */
    private static final int REGISTRY_EVERY_ROUNDS = 5;

    private final ClusterDatabase db;
    private final FleetDirectory local;
    private final LinkBoard board;
    private final CommandRelay relay;
    private final ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "fleet-board");
        thread.setDaemon(true);
        return thread;
    });
    private int rounds;

    private PortalCluster(ClusterDatabase db, FleetDirectory local) {
        String portalId = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        this.db = db;
        this.local = local;
        this.board = new LinkBoard(db.pool(), portalId);
        this.relay = new CommandRelay(db, portalId, local::remote, board::publishNow);
    }

    static PortalCluster start(String url, String user, String password, FleetDirectory local) {
        ClusterDatabase db = ClusterDatabase.open(url, user, password);
        PortalCluster cluster = new PortalCluster(db, local);
        cluster.relay.start(Duration.ofSeconds(5));
        cluster.publisher.scheduleWithFixedDelay(cluster::publishRound, 0, PUBLISH_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.info("portal process {} on a shared database", cluster.board.portalId());
        return cluster;
    }

    SessionRecords sessions(java.time.Clock clock) {
        return new PostgresSessionRecords(db.pool(), clock);
    }

    /** The users every process shares; the first process on an empty database creates the administrator. */
    UserDirectory users(Map<String, String> env, PrintStream announce, java.time.Clock clock) {
        return PostgresUserDirectory.open(db.pool(), env, announce, PasswordHashes.DEFAULT_COST, clock);
    }

    /** Failed sign-ins counted across every process, with the portal's limits. */
    SignInThrottle signInThrottle(PortalOptions options) {
        return new PostgresSignInThrottle(db.pool(), options.clock(), options.maxLoginFailures(),
                options.loginFailureWindow(), options.loginLockout());
    }

    /** The API tokens every process shares. */
    TokenDirectory tokens(java.time.Clock clock) {
        return new PostgresTokenDirectory(db.pool(), clock);
    }

    /** Every enrolled device, reached wherever its link is. */
    DeviceDirectory directory() {
        return new RoutedDirectory(local, board, relay);
    }

    private void publishRound() {
        try {
            board.publish(local.linked(), System.currentTimeMillis());
            rounds++;
            if (rounds % REGISTRY_EVERY_ROUNDS == 0) {
                local.refresh();
            }
            if (rounds % SWEEP_EVERY_ROUNDS == 0) {
                relay.sweep();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("links not published: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        publisher.shutdownNow();
        relay.close();
        // Leaving cleanly: the others see this process's devices offline now rather than in 5 s.
        try (Connection connection = db.pool().getConnection();
             PreparedStatement links = connection.prepareStatement("DELETE FROM fleet_link WHERE portal_id = ?");
             PreparedStatement beat = connection.prepareStatement("DELETE FROM fleet_portal WHERE portal_id = ?")) {
            links.setString(1, board.portalId());
            links.executeUpdate();
            beat.setString(1, board.portalId());
            beat.executeUpdate();
        } catch (SQLException e) {
            LOG.debug("leaving the board: {}", e.getMessage());
        }
        db.close();
    }
}
