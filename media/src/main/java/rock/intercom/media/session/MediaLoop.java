package rock.intercom.media.session;

/**
 * One of a session's media threads (RTP sender, RTP receiver, playout, RTCP): its loop runs
 * until {@link #stop}. Stopping only ends the loop at its next check; the session closes the
 * sockets too, so a thread blocked in a receive ends at once.
 */
abstract class MediaLoop implements Runnable {

    private volatile boolean running = true;

    /** Asks the loop to end; safe from any thread. */
    final void stop() {
        running = false;
    }

    /** Whether the loop should go on. */
    final boolean running() {
        return running;
    }
}
