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
 * How many HTTP connections the portal holds open: at most {@link #PER_ADDRESS} from one address
 * (more are closed as they open) and {@link #IN_ALL} in all (Jetty then stops accepting until one
 * closes, and cuts the idle timeout of those open to {@link #IDLE_WHEN_FULL_MS}). A door's portal
 * serves a few people at a time; without a bound a stranger's idle connections each held a file
 * descriptor and buffers until Jetty's idle timeout, and enough of them leave the door no
 * descriptor for a call's RTP sockets.
 */
final class ConnectionLimits extends AbstractLifeCycle implements Connection.Listener {
    /** Open connections one address may hold (a browser opens six or so). */
    static final int PER_ADDRESS = 16;
    /** Open connections in all. */
    static final int IN_ALL = 64;
    /** The idle timeout of open connections while the portal is full. */
    static final long IDLE_WHEN_FULL_MS = 5_000;

    private final Server server;
    private final Map<InetAddress, Integer> open = new HashMap<>();

    private ConnectionLimits(Server server) {
        this.server = server;
    }

    /** Sets both limits on every connector of {@code server}, from its start on. */
    static void install(Server server) {
        NetworkConnectionLimit inAll = new NetworkConnectionLimit(IN_ALL, server);
        inAll.setEndPointIdleTimeout(IDLE_WHEN_FULL_MS);
        server.addBean(inAll);
        server.addBean(new ConnectionLimits(server));
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
        if (now > PER_ADDRESS) {
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
