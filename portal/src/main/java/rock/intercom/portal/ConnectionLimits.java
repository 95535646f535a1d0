package rock.intercom.portal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/**
 * How many HTTP connections a door's portal holds open: at most {@code perAddress} from one
 * address (more are closed as they open) and {@code inAll} in all (Jetty then stops accepting until
 * one closes, and cuts the idle timeout of those open to {@link #IDLE_WHEN_FULL_MS}). A door's
 * portal serves a few people and an access-control server; without a bound a stranger's idle
 * connections each held a file descriptor, buffers and heap until Jetty's idle timeout, on a heap
 * of a few tens of MB. A fleet's central portal sets none: its doors may share one NAT address.
 */
final class ConnectionLimits extends AbstractLifeCycle implements Connection.Listener {
    /** The idle timeout of open connections while the portal is full. */
    static final long IDLE_WHEN_FULL_MS = 5_000;

    private final Server server;
    private final int perAddress;
    private final Map<InetAddress, Integer> open = new HashMap<>();

    private ConnectionLimits(Server server, int perAddress) {
        this.server = server;
        this.perAddress = perAddress;
    }

    /** Sets both limits on every connector of {@code server}, from its start on. */
    static void install(Server server, int perAddress, int inAll) {
        NetworkConnectionLimit limit = new NetworkConnectionLimit(inAll, server);
        limit.setEndPointIdleTimeout(IDLE_WHEN_FULL_MS);
        server.addBean(limit);
        server.addBean(new ConnectionLimits(server, perAddress));
    }

    @Override
    protected void doStart() {
        for (Connector connector : server.getConnectors()) {
            connector.addBean(this);
        }
    }

    @Override
    protected void doStop() {
        for (Connector connector : server.getConnectors()) {
            connector.removeBean(this);
        }
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress address = networkAddress(connection);
        if (address == null) {
            return;
        }
        int now;
        synchronized (open) {
            now = open.merge(address, 1, Integer::sum);
        }
        if (now > perAddress) {
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress address = networkAddress(connection);
        if (address == null) {
            return;
        }
        synchronized (open) {
            open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** The peer's address for a connection on a network end point; null for one layered inside it (HTTPS). */
    private static InetAddress networkAddress(Connection connection) {
        if (connection.getEndPoint() instanceof SocketChannelEndPoint endPoint
                && endPoint.getRemoteSocketAddress() instanceof InetSocketAddress remote) {
            return remote.getAddress();
        }
        return null;
    }
}
