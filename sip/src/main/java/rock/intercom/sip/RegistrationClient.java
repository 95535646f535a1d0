package rock.intercom.sip;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.header.MinExpiresHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.sip.digest.ChallengeAnswerer;
import rock.intercom.sip.digest.ChallengeAnswerer.Challenger;
import rock.intercom.sip.digest.DigestChallenge;
import rock.intercom.sip.digest.DigestLogin;

/**
 * Keeps one binding registered (RFC 3261 §10.2); a {@link KeepaliveWatcher} watches it while held.
 *
 * <ul>
 * <li>REGISTER with digest auth (§22.2-22.4, RFC 7616): a 401 is answered with the identity's
 * credentials, a 407 with the proxy's; a second challenge to fresh credentials without
 * {@code stale=true} means a wrong password: FAILED, retried slowly (no storm).</li>
 * <li>Refresh before the granted expiry runs out (the server's grant wins, §10.2.4); 423 raises
 * the expiry to Min-Expires (§10.3).</li>
 * <li>While offline a REGISTER is tried for 1 s (on UDP the original and one retransmission), then
 * again after a pause doubling from 250 ms up to {@link SipAgentOptions#reachRetryCap()} (500 ms):
 * the server never waits more than about 1 s for a REGISTER, so the device is back within 2 s of
 * it, and an absent server sees at most a few small requests per second.</li>
 * <li>Only the REGISTER's own transaction changes its state: answers carry the attempt's own
 * branch, and a packet that does not parse fails an attempt only when it is the server's answer to
 * it ({@link TransportProblems}); junk from elsewhere leaves the attempt to its answer or timeout.
 * After a refusal the pause doubles but never exceeds the polling interval.</li>
 * <li>Closing removes the binding (REGISTER with Expires 0, §10.2.2) through {@link Unregistration}.</li>
 * </ul>
 *
 * Threading: every method runs on the agent thread ({@code loop}); stack callbacks are posted to it.
 */
final class RegistrationClient implements KeepaliveWatcher.Owner {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationClient.class);
    private static final Duration UNREGISTER_WAIT = Duration.ofSeconds(2);
    private static final Duration OFFLINE_ATTEMPT = Duration.ofSeconds(1);
    private static final int MAX_CHALLENGES_IN_ROW = 4;

    /** Where the binding stands; each phase owns at most one timer or request. */
    private enum Phase {
        /** No binding; waiting to try: not started yet, or a backoff pause after a failure. */
        WAITING,
        /** A REGISTER is in flight and no binding is held. */
        REGISTERING,
        /** A REGISTER is in flight to renew a binding that is held. */
        REFRESHING,
        /** The binding is held; the refresh timer runs and the watcher polls. */
        REGISTERED,
        /** Closed for good. */
        CLOSED;

        boolean holdsBinding() {
            return this == REFRESHING || this == REGISTERED;
        }
    }

    private final RegistrationRequests registration;
    private final SipAgentOptions options;
    private final Clock clock;
    private final RegistrationSink sink;
    private final Backoff reachBackoff;
    private final Backoff refusedBackoff;
    private final KeepaliveWatcher watcher;
    private final OutstandingRequest attempt;
    private final LoopTimer timer;

    private Phase phase = Phase.WAITING;
    private long cseq;
    private int requestedExpiry;
    private int challengesInRow;
    /** Who got a first answer in the REGISTER in flight: challenged again, their login is wrong. */
    private Set<Challenger> firstAnswers = Set.of();

    RegistrationClient(BindingPlan plan, SipStackSession session, SipAgentOptions options,
            ScheduledExecutorService loop, Clock clock, RegistrationSink sink) {
        RequestFactory requests = new RequestFactory(session, plan);
        this.registration = new RegistrationRequests(plan, session, requests,
                new ChallengeAnswerer(session.headers(), DigestLogin.ofIdentity(plan.identity()).orElse(null),
                        DigestLogin.ofProxy(plan.proxy()).orElse(null)),
                requests.newCallId(), UUID.randomUUID().toString().substring(0, 8));
        this.options = options;
        this.clock = clock;
        this.sink = sink;
        this.reachBackoff = new Backoff(Duration.ofMillis(250), options.reachRetryCap());
        this.refusedBackoff = new Backoff(options.refusedRetryFirst(), options.refusedRetryCap());
        this.watcher = new KeepaliveWatcher(registration, options.responseTimeout(), loop, sink, this);
        this.attempt = new OutstandingRequest(session, loop);
        this.timer = new LoopTimer(loop);
        this.requestedExpiry = (int) options.requestedExpiry().toSeconds();
    }

    void start() {
        register();
    }

    SipStackSession session() {
        return registration.session();
    }

    /** The stack saw a TCP/TLS connection fail. */
    void connectionLost(String reason) {
        watcher.connectionLost(reason);
    }

    /** When to refresh a binding granted for {@code seconds}: 30 s early, or halfway for short grants. */
    static Duration refreshDelay(int seconds) {
        if (seconds > 60) {
            return Duration.ofSeconds(seconds - 30L);
        }
        return Duration.ofMillis(Math.max(500, seconds * 500L));
    }

    // ---- REGISTER -------------------------------------------------------------------------

    private void register() {
        if (phase == Phase.CLOSED) {
            return;
        }
        timer.cancel();
        attempt.abandon();
        registration.session().problems().clear();
        phase = phase.holdsBinding() ? Phase.REFRESHING : Phase.REGISTERING;
        try {
            Request request = registration.register(++cseq, requestedExpiry);
            firstAnswers = registration.answerer().authorize(request);
            // Our own branch, known before sending, so only answers carrying it can fail this attempt.
            String branch = "z9hG4bK" + UUID.randomUUID().toString().replace("-", "");
            ((ViaHeader) request.getHeader(ViaHeader.NAME)).setBranch(branch);
            registration.session().problems().awaiting(branch);
            attempt.send(request, attemptTimeout(), this::onRegisterResponse,
                    () -> attemptFailed("no response from server"));
        } catch (SipException e) {
            attemptFailed(OutstandingRequest.unreachable(e));
        } catch (ParseException | InvalidArgumentException e) {
            refused("cannot build REGISTER: " + e.getMessage());
        }
    }

    /**
     * How long a REGISTER may go unanswered. While the server is away, attempts are short (1 s:
     * the original and one UDP retransmission) so a returning server is seen within 2 s.
     */
    private Duration attemptTimeout() {
        return phase.holdsBinding() || options.responseTimeout().compareTo(OFFLINE_ATTEMPT) < 0
                ? options.responseTimeout() : OFFLINE_ATTEMPT;
    }

    private void onRegisterResponse(Response response) {
        int code = response.getStatusCode();
        MinExpiresHeader minExpires = (MinExpiresHeader) response.getHeader(MinExpiresHeader.NAME);
        if (code < 300) {
            onRegistered(response);
        } else if (code == Response.UNAUTHORIZED || code == Response.PROXY_AUTHENTICATION_REQUIRED) {
            onChallenge(response);
        } else if (code == Response.INTERVAL_TOO_BRIEF && minExpires != null
                && minExpires.getExpires() > requestedExpiry) {
            requestedExpiry = minExpires.getExpires();
            register();
        } else {
            refused("server refused registration: " + code + " " + response.getReasonPhrase());
        }
    }

    private void onChallenge(Response response) {
        challengesInRow++;
        Challenger challenger = Challenger.of(response);
        boolean proxy = challenger == Challenger.PROXY;
        DigestChallenge challenge;
        try {
            challenge = ChallengeAnswerer.challengeOf(response);
        } catch (DigestChallenge.BadChallengeException e) {
            refused(response.getStatusCode() + " without a usable challenge: " + e.getMessage());
            return;
        }
        if (firstAnswers.contains(challenger) && !challenge.stale()) {
            refused(proxy ? "proxy authentication rejected: wrong proxy username or password"
                    : "authentication rejected: wrong username or password");
            return;
        }
        if (challengesInRow > MAX_CHALLENGES_IN_ROW) {
            refused("authentication loop: the server keeps challenging");
            return;
        }
        if (!registration.answerer().takeUp(challenger, challenge)) {
            refused(proxy ? "proxy asks for credentials but none are configured"
                    : "server asks for credentials but no password is configured");
            return;
        }
        register();
    }

    private void onRegistered(Response response) {
        challengesInRow = 0;
        reachBackoff.reset();
        refusedBackoff.reset();
        phase = Phase.REGISTERED;
        int granted = grantedExpiry(response);
        LOG.debug("registered with {} for {} s", registration.plan().serverLabel(), granted);
        sink.registered(clock.instant());
        timer.schedule(refreshDelay(granted), this::register);
        watcher.watch(response);
    }

    private int grantedExpiry(Response response) {
        try {
            return GrantedExpiry.of(response, registration.requests().contactUri(), requestedExpiry);
        } catch (ParseException e) {
            LOG.debug("cannot rebuild our contact", e);
            return GrantedExpiry.of(response, null, requestedExpiry);
        }
    }

    /** An attempt got no usable answer: a TLS refusal or malformed answers are failures, silence is offline. */
    private void attemptFailed(String reason) {
        TransportProblems problems = registration.session().problems();
        if (problems.tlsFailure() != null) {
            refused(problems.tlsFailure());
        } else if (problems.malformedMessage() != null) {
            refused("malformed response from server (" + problems.malformedMessage() + ")");
        } else {
            unreachable(reason);
        }
    }

    // ---- outcomes -------------------------------------------------------------------------

    /** A binding we held is gone: report offline and try to register again at once. */
    @Override
    public void lost(String reason) {
        dropBinding();
        sink.offline(RegistrationState.UNREGISTERED, reason);
        register();
    }

    @Override
    public void connectionReplaced() {
        register();
    }

    private void unreachable(String reason) {
        dropBinding();
        sink.offline(RegistrationState.UNREGISTERED, reason);
        retryAfter(reachBackoff.next());
    }

    private void refused(String reason) {
        dropBinding();
        registration.answerer().forget();
        LOG.warn("registration with {} failed: {}", registration.plan().serverLabel(), reason);
        sink.offline(RegistrationState.FAILED, reason);
        retryAfter(refusedPause());
    }

    /**
     * The pause after a refusal: doubling, but never past the polling interval, so a server that
     * works again is registered with within the polling interval plus one attempt, whatever
     * refused us before (a wrong password is retried at that pace too, never as a storm).
     */
    private Duration refusedPause() {
        Duration pause = refusedBackoff.next();
        Duration polling = registration.plan().pollingInterval();
        return pause.compareTo(polling) > 0 ? polling : pause;
    }

    private void dropBinding() {
        watcher.stop();
        timer.cancel();
        phase = Phase.WAITING;
    }

    private void retryAfter(Duration pause) {
        timer.schedule(pause, () -> {
            challengesInRow = 0;
            register();
        });
    }

    // ---- closing --------------------------------------------------------------------------

    /**
     * Ends this binding: when registered, sends REGISTER with Expires 0 (RFC 3261 §10.2.2), answering
     * one challenge, and waits for the answer up to 2 s; then stops the stack. Blocks the agent
     * thread, which is why the unregister's answers are handled on the stack thread.
     */
    void close(boolean unregister) {
        boolean held = phase.holdsBinding();
        phase = Phase.CLOSED;
        timer.cancel();
        watcher.stop();
        attempt.abandon();
        if (unregister && held) {
            new Unregistration(registration).await(++cseq, UNREGISTER_WAIT);
        }
        long closing = System.nanoTime();
        registration.session().close();
        LOG.debug("SIP stack for {} closed in {} ms", registration.plan().serverLabel(),
                (System.nanoTime() - closing) / 1_000_000);
    }
}
