package rock.intercom.app.audio;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import rock.intercom.media.audio.AudioDeviceException;
import rock.intercom.media.sdp.LocalOffer;
import rock.intercom.media.sdp.NegotiatedMedia;
import rock.intercom.media.sdp.Negotiation;
import rock.intercom.media.sdp.OfferAnswer;
import rock.intercom.media.session.MediaSession;
import rock.intercom.media.session.MediaSockets;

/**
 * The audio of one call through its {@link ChannelPhase}s: offered → (start pending) → agreed →
 * running → ended. Transitions are synchronized on the channel; sockets and sessions a transition
 * gives up are closed after the lock is released (closing a session joins its threads), and no
 * listener is called under the lock.
 */
final class CallChannel {

    /** Opens a call's media session on agreed media; closes the sockets itself when it fails. */
    @FunctionalInterface
    interface SessionOpener {
        MediaSession open(CallChannel channel, MediaSockets sockets, NegotiatedMedia media)
                throws AudioDeviceException;
    }

    /** Digits kept per call: a door code is a few; a peer holding a key down cannot grow this. */
    static final int MAX_DIGITS = 64;

    private final String callId;
    private final boolean outgoing;
    private final long sessionId;
    private final StringBuilder digits = new StringBuilder();
    private OfferAnswer negotiator;
    private long sessionVersion;
    private boolean stopped;
    private volatile ChannelPhase phase = new ChannelPhase.Ended("nothing negotiated yet");

    CallChannel(String callId, boolean outgoing, long sessionId) {
        this.callId = Objects.requireNonNull(callId, "callId");
        this.outgoing = outgoing;
        this.sessionId = sessionId;
    }

    String callId() {
        return callId;
    }

    boolean outgoing() {
        return outgoing;
    }

    long sessionId() {
        return sessionId;
    }

    ChannelPhase phase() {
        return phase;
    }

    /** The o= version for the next SDP this side sends (RFC 4566 §5.2: incremented on every change). */
    synchronized long nextVersion() {
        return ++sessionVersion;
    }

    synchronized void offered(MediaSockets sockets, LocalOffer offer, OfferAnswer offerAnswer) {
        this.negotiator = offerAnswer;
        phase = new ChannelPhase.Offered(sockets, offer);
    }

    synchronized void agreed(MediaSockets sockets, NegotiatedMedia media) {
        phase = new ChannelPhase.Agreed(sockets, media);
        notifyAll();
    }

    /**
     * Our offer was refused: its RTP/SAVP variant ({@link OfferAnswer#savpRetry}) becomes the offer
     * the answer is checked against, on the same sockets. Empty when there is none or the offer is
     * no longer outstanding.
     */
    synchronized Optional<LocalOffer> retryOffer() {
        if (!(phase instanceof ChannelPhase.Offered offered) || negotiator == null) {
            return Optional.empty();
        }
        Optional<LocalOffer> retry = negotiator.savpRetry(offered.offer(), ++sessionVersion);
        retry.ifPresent(next -> phase = new ChannelPhase.Offered(offered.sockets(), next));
        return retry;
    }

    /** The peer's answer to our offer (RFC 3264 §7); empty when usable, else why not. */
    Optional<String> accepted(String answerSdp, SessionOpener opener) {
        ChannelPhase.Offered offered = null;
        ChannelPhase.StartPending pending = null;
        synchronized (this) {
            if (phase instanceof ChannelPhase.Offered o) {
                offered = o;
            } else if (phase instanceof ChannelPhase.StartPending p) {
                pending = p;
            } else {
                return phase instanceof ChannelPhase.Ended ended ? Optional.of(ended.reason()) : Optional.empty();
            }
            LocalOffer offer = offered != null ? offered.offer() : pending.offer();
            MediaSockets sockets = offered != null ? offered.sockets() : pending.sockets();
            Negotiation result = negotiator.acceptAnswer(offer, answerSdp);
            if (result instanceof Negotiation.Failed failed) {
                phase = new ChannelPhase.Ended(failed.failure().reason());
                notifyAll();
                sockets.close();
                return Optional.of(failed.failure().reason());
            }
            NegotiatedMedia media = ((Negotiation.Agreed) result).media();
            phase = new ChannelPhase.Agreed(sockets, media);
            notifyAll();
            if (offered != null) {
                return Optional.empty();
            }
        }
        // The call logic already asked for media: start it now.
        return run(opener);
    }

    /**
     * The call logic's StartMedia. When our offer's answer has not been applied yet (the 2xx was
     * posted a moment before the answer is read) it waits up to {@code answerWait} for it, so that
     * {@link CallAudio#mediaSecurity} is right when the Call Established event is built.
     */
    Optional<String> start(SessionOpener opener, Duration answerWait) {
        synchronized (this) {
            long deadline = System.nanoTime() + answerWait.toNanos();
            while (phase instanceof ChannelPhase.Offered && System.nanoTime() < deadline) {
                try {
                    long left = deadline - System.nanoTime();
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (phase instanceof ChannelPhase.Offered offered) {
                phase = new ChannelPhase.StartPending(offered.sockets(), offered.offer());
                return Optional.empty();
            }
            if (!(phase instanceof ChannelPhase.Agreed)) {
                // Running already, or ended: a failed negotiation was reported by the signalling side.
                return Optional.empty();
            }
        }
        return run(opener);
    }

    /** Opens the session for an Agreed phase; the lock is not held while devices open. */
    private Optional<String> run(SessionOpener opener) {
        ChannelPhase.Agreed agreed;
        synchronized (this) {
            if (!(phase instanceof ChannelPhase.Agreed a)) {
                return Optional.empty();
            }
            agreed = a;
            // Claimed: a concurrent start or stop sees "opening" and leaves the sockets to us.
            phase = new ChannelPhase.Ended("media is being opened");
        }
        MediaSession session;
        try {
            session = opener.open(this, agreed.sockets(), agreed.media());
        } catch (AudioDeviceException | RuntimeException e) {
            agreed.sockets().close();
            synchronized (this) {
                phase = new ChannelPhase.Ended(e.getMessage());
                notifyAll();
            }
            return Optional.of(e.getMessage() == null ? e.toString() : e.getMessage());
        }
        boolean stoppedMeanwhile;
        synchronized (this) {
            stoppedMeanwhile = stopped;
            if (!stoppedMeanwhile) {
                phase = new ChannelPhase.Running(session);
            }
            notifyAll();
        }
        if (stoppedMeanwhile) {
            session.close();
        }
        return Optional.empty();
    }

    /** Replaces a running session (a re-INVITE changed codec or keys); returns the one to close. */
    synchronized Optional<MediaSession> replace(MediaSession next) {
        if (stopped || !(phase instanceof ChannelPhase.Running running)) {
            return Optional.of(next);
        }
        phase = new ChannelPhase.Running(next);
        return Optional.of(running.session());
    }

    /** Ends the call's audio from any phase and releases what that phase held. */
    void end(String reason) {
        ChannelPhase was;
        synchronized (this) {
            stopped = true;
            was = phase;
            phase = new ChannelPhase.Ended(reason);
            notifyAll();
        }
        if (was instanceof ChannelPhase.Running running) {
            running.session().close();
        } else if (was instanceof ChannelPhase.Offered offered) {
            offered.sockets().close();
        } else if (was instanceof ChannelPhase.StartPending pending) {
            pending.sockets().close();
        } else if (was instanceof ChannelPhase.Agreed agreed) {
            agreed.sockets().close();
        }
    }

    /** Keeps a DTMF digit the peer sent (RFC 4733 or SIP INFO); false once {@link #MAX_DIGITS} are kept. */
    boolean keepDigit(char digit) {
        synchronized (digits) {
            if (digits.length() >= MAX_DIGITS) {
                return false;
            }
            digits.append(digit);
            return true;
        }
    }

    /** The digits received in this call so far, in arrival order, whatever carried them. */
    String digits() {
        synchronized (digits) {
            return digits.toString();
        }
    }

    /** The session while media runs. */
    Optional<MediaSession> session() {
        return phase instanceof ChannelPhase.Running running ? Optional.of(running.session()) : Optional.empty();
    }

    boolean running(MediaSession session) {
        return phase instanceof ChannelPhase.Running running && running.session() == session;
    }
}
