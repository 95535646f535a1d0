package rock.intercom.app.video;

import java.util.Optional;
import rock.intercom.media.sdp.VideoOutcome;
import rock.intercom.media.session.MediaSockets;
import rock.intercom.media.video.VideoSession;

/**
 * The video of one call: the sockets bound for its offer or answer, what the negotiation decided
 * (the first decision stands: a 2xx that repeats an early answer changes nothing), and the session
 * once it runs. Synchronized; sessions and sockets given up are closed by the caller outside the lock.
 */
final class VideoChannel {
    private MediaSockets sockets;
    private VideoOutcome outcome;
    private VideoSession session;
    private boolean ended;
    /** Sessions started in this call: re-INVITEs that add or re-key video start more. */
    private int streams;

    synchronized boolean bound(MediaSockets bound) {
        if (ended || sockets != null) {
            return false;
        }
        sockets = bound;
        return true;
    }

    synchronized int localPort() {
        if (session != null) {
            return session.localRtpPort();
        }
        return sockets == null ? 0 : sockets.rtpPort();
    }

    /** Records the decision; returns sockets to close when it is "no video", or the decision already standing. */
    synchronized Optional<MediaSockets> decided(VideoOutcome decision) {
        if (outcome != null) {
            return Optional.empty();
        }
        outcome = decision;
        if (decision instanceof VideoOutcome.Agreed) {
            return Optional.empty();
        }
        MediaSockets unused = sockets;
        sockets = null;
        return Optional.ofNullable(unused);
    }

    /** A re-INVITE's decision: it replaces the standing one (RFC 3264 §8: a new offer, a new answer). */
    synchronized void redecided(VideoOutcome decision) {
        outcome = decision;
    }

    /**
     * Takes the running session and any unused sockets away, to close outside the lock: a
     * re-INVITE removed the video or needs a new stream. The channel can bind and start again.
     */
    synchronized AutoCloseable release() {
        VideoSession s = session;
        MediaSockets m = sockets;
        session = null;
        sockets = null;
        return closing(s, m);
    }

    synchronized Optional<VideoOutcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    /** The sockets to run the agreed video on, handed over once; empty when there is nothing to start. */
    synchronized Optional<MediaSockets> takeForStart() {
        if (ended || session != null || !(outcome instanceof VideoOutcome.Agreed) || sockets == null) {
            return Optional.empty();
        }
        MediaSockets taken = sockets;
        sockets = null;
        return Optional.of(taken);
    }

    /** Keeps the started session; false (the caller closes it) when the call ended meanwhile. */
    synchronized boolean running(VideoSession started) {
        if (ended) {
            return false;
        }
        session = started;
        streams++;
        return true;
    }

    synchronized int streams() {
        return streams;
    }

    synchronized Optional<VideoSession> session() {
        return Optional.ofNullable(session);
    }

    /** Ends the channel; returns what it held, to close. */
    synchronized AutoCloseable end() {
        ended = true;
        return release();
    }

    private static AutoCloseable closing(VideoSession s, MediaSockets m) {
        return () -> {
            if (s != null) {
                s.close();
            }
            if (m != null) {
                m.close();
            }
        };
    }
}
