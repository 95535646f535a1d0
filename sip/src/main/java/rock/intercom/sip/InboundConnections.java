package rock.intercom.sip;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Who may open a SIP connection (TCP) to the door, and how many at once. The door opens its own
 * connection to the server and takes requests over it; a server that connects back comes from its
 * own address; anyone else only while direct calls are accepted. Each pool is capped, so strangers
 * cannot crowd the server out. Without this every connection a stranger opened cost JAIN-SIP two
 * threads and a file descriptor for as long as it stayed open (400 idle connections: 800 threads).
 * Thread-safe.
 */
final class InboundConnections {
    /** Connections the server (or proxy) may hold open to the door at once. */
    static final int MAX_FROM_SERVER = 8;
    /** Connections all other sources together may hold open at once, while direct calls are accepted. */
    static final int MAX_DIRECT = 8;

    private final Predicate<InetAddress> fromServer;
    private final BooleanSupplier directCallsAccepted;
    private final AtomicInteger server = new AtomicInteger();
    private final AtomicInteger direct = new AtomicInteger();

    /**
     * @param fromServer          whether an address is the configured server's or proxy's
     * @param directCallsAccepted whether calls that do not come through the server are accepted now
     */
    InboundConnections(Predicate<InetAddress> fromServer, BooleanSupplier directCallsAccepted) {
        this.fromServer = fromServer;
        this.directCallsAccepted = directCallsAccepted;
    }

    /**
     * The decision on a connection from {@code source}: a place, to be released when it closes, or
     * why it is refused (close it at once). The server test resolves names, so it runs once here.
     */
    Admission admit(InetAddress source) {
        if (fromServer.test(source)) {
            return take(server, MAX_FROM_SERVER, "the server already holds " + MAX_FROM_SERVER + " open");
        }
        if (!directCallsAccepted.getAsBoolean()) {
            return new Admission(null, "SIP connection refused: not the SIP server, and direct calls are not accepted");
        }
        return take(direct, MAX_DIRECT, MAX_DIRECT + " direct connections already open");
    }

    /** A place in {@code pool} if it holds fewer than {@code max}; else refused because {@code full}. */
    private static Admission take(AtomicInteger pool, int max, String full) {
        while (true) {
            int now = pool.get();
            if (now >= max) {
                return new Admission(null, "SIP connection refused: " + full);
            }
            if (pool.compareAndSet(now, now + 1)) {
                return new Admission(new Slot(pool), null);
            }
        }
    }

    /** A connection's place ({@code slot}), or why it was refused ({@code refusal}): exactly one is set. */
    record Admission(Slot slot, String refusal) {
        boolean admitted() {
            return slot != null;
        }
    }

    /** One admitted connection's place; released once, however often its socket is closed. */
    static final class Slot {
        private final AtomicInteger pool;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(AtomicInteger pool) {
            this.pool = pool;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                pool.decrementAndGet();
            }
        }
    }
}
