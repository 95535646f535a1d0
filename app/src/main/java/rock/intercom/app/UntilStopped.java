package rock.intercom.app;

import java.util.concurrent.CountDownLatch;

/**
 * Holds a long-running subcommand's main thread until the JVM shuts down (Ctrl-C, SIGTERM). The
 * shutdown hook owns closing, since the JVM does not wait for the main thread: {@link #await}
 * returns once the hook has closed everything. Thread-safe.
 */
public final class UntilStopped {

    private final CountDownLatch closed = new CountDownLatch(1);

    private UntilStopped() {
    }

    /** Registers {@code close} to run in a shutdown hook named {@code threadName}. */
    public static UntilStopped onShutdown(String threadName, Runnable close) {
        UntilStopped stopped = new UntilStopped();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            close.run();
            stopped.closed.countDown();
        }, threadName));
        return stopped;
    }

    /** Blocks until the shutdown hook has run. */
    public void await() throws InterruptedException {
        closed.await();
    }

    /** Closes {@code resource} in a hook, where a failure can only be told on standard error. */
    static void closeTelling(AutoCloseable resource, String doing) {
        Closing.reporting(resource, e -> System.err.println("intercom: " + doing + ": " + e.getMessage()));
    }
}
