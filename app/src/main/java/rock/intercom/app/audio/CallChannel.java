package rock.intercom.app.audio;

import java.util.Objects;
import java.util.Optional;
import rock.intercom.call.media.AgreedMedia;
import rock.intercom.call.media.MediaProblem;
import rock.intercom.call.media.RemoteAnswer;
import rock.intercom.media.audio.AudioDeviceException;
import rock.intercom.media.sdp.LocalOffer;
import rock.intercom.media.sdp.NegotiatedMedia;
import rock.intercom.media.sdp.Negotiation;
import rock.intercom.media.sdp.OfferAnswer;
import rock.intercom.media.sdp.VideoOutcome;
import rock.intercom.media.session.MediaSession;
import rock.intercom.media.session.ReceivedDigits;
import rock.intercom.media.session.MediaSockets;

/**
 * The audio of one call through its {@link ChannelPhase}s: offered → agreed → opening → running
 * → ended. The signalling applies every SDP before the call logic asks for media, so no phase
 * waits for another. Transitions are synchronized on the channel; sockets and sessions a
 * transition gives up are closed after the lock is released (closing a session joins its
 * threads), and no listener is called under the lock.
 */
final class CallChannel {

    /** Opens a call's media session on agreed media; closes the sockets itself when it fails. */
    @FunctionalInterface
    interface SessionOpener {
        MediaSession open(CallChannel channel, MediaSockets sockets, NegotiatedMedia media)
                throws AudioDeviceException;
    }

    private final String callId;
    private final boolean outgoing;
    private final long sessionId;
    private final ReceivedDigits digits = new ReceivedDigits();
    private OfferAnswer negotiator;
    /** The offer the agreed answer answered, and that answer: a later, different answer is checked against them. */
    private LocalOffer answeredOffer;
    private String answer;
    private long sessionVersion;
    private volatile ChannelPhase phase = new ChannelPhase.Ended("nothing negotiated yet");
    /** What the peer's answer to our offer made of video; the video itself is {@code CallVideo}'s. */
    private volatile VideoOutcome videoOutcome = VideoOutcome.NOT_OFFERED;

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

    /** What the call's media agreed on, while it is agreed, opening or running. */
    Optional<AgreedMedia> agreedMedia() {
        ChannelPhase now = phase;
        if (now instanceof ChannelPhase.Running running) {
            return Optional.of(summary(running.session().media()));
        }
        return now instanceof ChannelPhase.Agreed agreed ? Optional.of(summary(agreed.media())) : Optional.empty();
    }

    /** What the accepted answer made of video. */
    VideoOutcome videoOutcome() {
        return videoOutcome;
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
    }

    /** Renews an agreement not yet started, on its sockets; false when the phase moved on meanwhile. */
    synchronized boolean reagreed(ChannelPhase.Agreed was, NegotiatedMedia media) {
        if (phase != was) {
            return false;
        }
        phase = new ChannelPhase.Agreed(was.sockets(), media);
        return true;
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

    /** The peer's answer to our offer (RFC 3264 §7): the media it agrees on, or why it is unusable. */
    RemoteAnswer accepted(String answerSdp) {
        MediaSockets refused;
        String reason;
        synchronized (this) {
            if (phase instanceof ChannelPhase.Ended ended) {
                return new MediaProblem(ended.reason());
            }
            if (!(phase instanceof ChannelPhase.Offered offered)) {
                return answeredAgain(answerSdp);
            }
            Negotiation result = negotiator.acceptAnswer(offered.offer(), answerSdp);
            if (result instanceof Negotiation.Agreed agreed) {
                phase = new ChannelPhase.Agreed(offered.sockets(), agreed.media());
                videoOutcome = agreed.video();
                answeredOffer = offered.offer();
                answer = answerSdp;
                return new RemoteAnswer.Usable(summary(agreed.media()));
            }
            reason = ((Negotiation.Failed) result).failure().reason();
            phase = new ChannelPhase.Ended(reason);
            refused = offered.sockets();
        }
        refused.close();
        return new MediaProblem(reason);
    }

    /**
     * An answer after the first: a 2xx retransmission, or the 2xx after early media (RFC 3960),
     * which should repeat the provisional's answer (RFC 3261 §13.2.1) but may move the stream
     * (another address or direction: applied to the running media, no gap). An answer that
     * changes codec or keys, or does not fit the offer, leaves the agreement as it stands.
     */
    private RemoteAnswer answeredAgain(String answerSdp) {
        RemoteAnswer standing = agreedMedia().<RemoteAnswer>map(RemoteAnswer.Usable::new)
                .orElse(new MediaProblem("media is being opened"));
        if (answerSdp.equals(answer) || answeredOffer == null) {
            return standing;
        }
        if (!(negotiator.acceptAnswer(answeredOffer, answerSdp) instanceof Negotiation.Agreed next)) {
            return standing;
        }
        NegotiatedMedia media = next.media();
        if (phase instanceof ChannelPhase.Agreed agreed) {
            phase = new ChannelPhase.Agreed(agreed.sockets(), media);
        } else if (phase instanceof ChannelPhase.Running running
                && SdpNegotiation.sameStream(running.session().media(), media)) {
            running.session().updateRemote(media.remoteHost(), media.remotePort(), media.direction());
        } else {
            return standing;
        }
        answer = answerSdp;
        return new RemoteAnswer.Usable(summary(media));
    }

    /**
     * The call logic's StartMedia: opens the session on the agreed media, the devices outside the
     * lock. Empty when it runs, or when there is nothing to start because the negotiation failed
     * (the signalling reported that already); otherwise why it did not start.
     */
    Optional<String> start(SessionOpener opener) {
        ChannelPhase.Agreed agreed;
        synchronized (this) {
            if (!(phase instanceof ChannelPhase.Agreed a)) {
                return Optional.empty();
            }
            agreed = a;
            phase = new ChannelPhase.Opening();
        }
        MediaSession session;
        try {
            session = opener.open(this, agreed.sockets(), agreed.media());
        } catch (AudioDeviceException | RuntimeException e) {
            agreed.sockets().close();
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            synchronized (this) {
                if (phase instanceof ChannelPhase.Opening) {
                    phase = new ChannelPhase.Ended(reason);
                }
            }
            return Optional.of(reason);
        }
        boolean stoppedMeanwhile;
        synchronized (this) {
            stoppedMeanwhile = !(phase instanceof ChannelPhase.Opening);
            if (!stoppedMeanwhile) {
                phase = new ChannelPhase.Running(session);
            }
        }
        if (stoppedMeanwhile) {
            session.close();
        }
        return Optional.empty();
    }

    /** Replaces a running session (a re-INVITE changed codec or keys); returns the one to close. */
    synchronized Optional<MediaSession> replace(MediaSession next) {
        if (!(phase instanceof ChannelPhase.Running running)) {
            return Optional.of(next);
        }
        phase = new ChannelPhase.Running(next);
        return Optional.of(running.session());
    }

    /** Ends the call's audio from any phase and releases what that phase held. */
    void end(String reason) {
        ChannelPhase was;
        synchronized (this) {
            was = phase;
            phase = new ChannelPhase.Ended(reason);
        }
        if (was instanceof ChannelPhase.Running running) {
            running.session().close();
        } else if (was instanceof ChannelPhase.Offered offered) {
            offered.sockets().close();
        } else if (was instanceof ChannelPhase.Agreed agreed) {
            agreed.sockets().close();
        }
    }

    /** Keeps a DTMF digit the peer sent (RFC 4733 or SIP INFO); false once {@link ReceivedDigits#MAX} are kept. */
    boolean keepDigit(char digit) {
        return digits.keep(digit);
    }

    /** The digits received in this call so far, in arrival order, whatever carried them. */
    String digits() {
        return digits.text();
    }

    /** The session while media runs. */
    Optional<MediaSession> session() {
        return phase instanceof ChannelPhase.Running running ? Optional.of(running.session()) : Optional.empty();
    }

    boolean running(MediaSession session) {
        return phase instanceof ChannelPhase.Running running && running.session() == session;
    }

    /** The agreed media as the call's events name it. */
    static AgreedMedia summary(NegotiatedMedia media) {
        return new AgreedMedia(media.securityLabel(), media.codec().name());
    }
}
