package rock.intercom.app.service;

/**
 * One thread the watchdog vouches for. {@link #probe} hands it a no-op to run; the thread is
 * alive when it ran one since the previous look. Probing never blocks the watchdog: a stuck
 * thread simply never runs the no-op.
 */
public interface Liveness {

    /** Short name for the log line when it stops answering ("call thread", "SIP agent"). */
    String name();

    /** Queues {@code answered} to run on the watched thread; false when the thread has stopped. */
    boolean probe(Runnable answered);
}
