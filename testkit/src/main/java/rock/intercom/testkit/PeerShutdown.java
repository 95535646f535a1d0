package rock.intercom.testkit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How a test peer's process is ended: SIGTERM so it can say goodbye (a REGISTER with Expires 0, its
 * log flushed), SIGKILL when it has not gone after a grace period. A peer started by a test also
 * carries a shutdown hook that kills it if the JVM dies first; a stopped peer drops it.
 */
final class PeerShutdown {

    /** How long a killed process may take to be reaped. */
    private static final long REAP_SECONDS = 5;

    private PeerShutdown() {
    }

    /** Ends {@code process}: SIGTERM, then SIGKILL after {@code grace}; an interrupted wait kills at once. */
    static void stop(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(REAP_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Removes the kill-on-exit hook of a peer that was stopped. */
    static void dropKillOnExit(Thread killOnExit) {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException exiting) {
            // The JVM is already shutting down; the hook runs anyway.
        }
    }

    /** SIGKILL to {@code process} and everything it started, for hooks of a JVM that is exiting. */
    static void killTree(ProcessHandle process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
