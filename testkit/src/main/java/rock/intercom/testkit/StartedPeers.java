package rock.intercom.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * What a test started (peers, processes, servers), stopped in reverse order of starting, so a
 * device goes before its registrar and a portal before its database. Every one is stopped even
 * when an earlier stop fails; the first failure is thrown after, the others attached to it.
 */
public final class StartedPeers implements AutoCloseable {

    private final List<AutoCloseable> started = new ArrayList<>();

    /** Keeps {@code peer} to stop at {@link #close()}; returns it. */
    public synchronized <T extends AutoCloseable> T add(T peer) {
        started.add(peer);
        return peer;
    }

    @Override
    public synchronized void close() throws Exception {
        Exception first = null;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        started.clear();
        if (first != null) {
            throw first;
        }
    }
}
