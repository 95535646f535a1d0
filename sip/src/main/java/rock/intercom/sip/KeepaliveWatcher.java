package rock.intercom.sip;

import java.io.IOException;
import java.text.ParseException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.settings.Transport;
import rock.intercom.sip.digest.ChallengeAnswerer;
import rock.intercom.sip.digest.ChallengeAnswerer.Challenger;
import rock.intercom.sip.digest.DigestChallenge;

/**
 * Watches the server of a held binding with polling keepalives and tells its registration when
 * the binding is gone.
 *
 * <ul>
 * <li>Every polling interval: CRLF on TCP/TLS (RFC 5626 §4.4.1) and OPTIONS to the registrar
 * (RFC 3261 §11). No answer within the response timeout (&lt; 5 s) means an outage, so the
 * detection bound is polling interval + 5 s. Behind a proxy, its 408 or 503 means the same.</li>
 * <li>A changed rport on an answer over TCP/TLS means the connection was replaced: the binding,
 * tied to the old connection, must be refreshed at once. A dropped connection is an outage.</li>
 * <li>The proxy may challenge an OPTIONS: it is answered once with the shared answerer.</li>
 * </ul>
 *
 * Threading: agent thread only ({@code loop}); stack callbacks are posted to it.
 */
final class KeepaliveWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(KeepaliveWatcher.class);

    /** The registration holding the watched binding. Called last, so it may stop this watcher. */
    interface Owner {

        /** The binding is gone: no answer, a dropped connection, or the server behind the proxy is away. */
        void lost(String reason);

        /** The connection the binding is tied to was replaced: register again now. */
        void connectionReplaced();
    }

    /** What the watcher is doing; each phase owns at most one timer or request. */
    private enum Phase {
        /** No binding to watch. */
        STOPPED,
        /** Waiting out the polling interval. */
        WAITING,
        /** A keepalive OPTIONS is in flight. */
        PROBING
    }

    private final RegistrationRequests registration;
    private final Duration responseTimeout;
    private final RegistrationSink sink;
    private final Owner owner;
    private final LoopTimer pollTimer;
    private final OutstandingRequest probe;
    private Phase phase = Phase.STOPPED;
    private int registeredRport = -1;
    private long probeSentNanos;

    KeepaliveWatcher(RegistrationRequests registration, Duration responseTimeout, ScheduledExecutorService loop,
            RegistrationSink sink, Owner owner) {
        this.registration = registration;
        this.responseTimeout = responseTimeout;
        this.sink = sink;
        this.owner = owner;
        this.pollTimer = new LoopTimer(loop);
        this.probe = new OutstandingRequest(registration.session(), loop);
    }

    /** The binding was (re)confirmed by {@code registered}: watch it, keeping a poll already planned. */
    void watch(Response registered) {
        registeredRport = rport(registered);
        if (phase == Phase.STOPPED) {
            waitForNextPoll();
        }
    }

    void stop() {
        phase = Phase.STOPPED;
        pollTimer.cancel();
        probe.abandon();
    }

    /** The stack saw the TCP/TLS connection fail; an outage when a binding is being watched. */
    void connectionLost(String reason) {
        if (phase != Phase.STOPPED) {
            owner.lost(reason);
        }
    }

    private void waitForNextPoll() {
        phase = Phase.WAITING;
        pollTimer.schedule(registration.plan().pollingInterval(), this::poll);
    }

    private void poll() {
        if (phase != Phase.WAITING) {
            return;
        }
        if (registration.plan().transport() != Transport.UDP) {
            try {
                registration.session().sendCrlfKeepalive();
            } catch (IOException e) {
                owner.lost("connection to server dropped: " + e.getMessage());
                return;
            }
        }
        sendOptions(false);
    }

    private void sendOptions(boolean answeringChallenge) {
        phase = Phase.PROBING;
        try {
            Request request = registration.options();
            registration.answerer().authorize(request, Challenger.PROXY);
            probeSentNanos = System.nanoTime();
            probe.send(request, responseTimeout, response -> onAnswer(response, answeringChallenge),
                    () -> owner.lost("server not responding to keepalive"));
        } catch (SipException e) {
            owner.lost(OutstandingRequest.unreachable(e));
        } catch (ParseException | InvalidArgumentException e) {
            LOG.warn("cannot build keepalive OPTIONS", e);
            waitForNextPoll();
        }
    }

    private void onAnswer(Response response, boolean answeredChallenge) {
        int code = response.getStatusCode();
        if (code == Response.PROXY_AUTHENTICATION_REQUIRED && registration.plan().viaProxy() && !answeredChallenge
                && registration.answerer().hasLogin(Challenger.PROXY)) {
            try {
                registration.answerer().takeUp(Challenger.PROXY, ChallengeAnswerer.challengeOf(response));
                sendOptions(true);
                return;
            } catch (DigestChallenge.BadChallengeException e) {
                LOG.info("proxy challenge to keepalive unusable: {}", e.getMessage());
            }
        }
        if (registration.plan().viaProxy() && (code == Response.REQUEST_TIMEOUT || code == Response.SERVICE_UNAVAILABLE)) {
            owner.lost("server behind the proxy not responding (" + code + ")");
            return;
        }
        sink.keepaliveAnswered(Duration.ofNanos(System.nanoTime() - probeSentNanos));
        int rport = rport(response);
        waitForNextPoll();
        if (registration.plan().transport() != Transport.UDP && registeredRport > 0 && rport > 0 && rport != registeredRport) {
            LOG.info("connection to {} was replaced; registering again", registration.plan().serverLabel());
            owner.connectionReplaced();
        }
    }

    private static int rport(Response response) {
        ViaHeader via = (ViaHeader) response.getHeader(ViaHeader.NAME);
        return via == null ? -1 : via.getRPort();
    }
}
