package rock.intercom.sip;

import java.io.IOException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ListIterator;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.Header;
import javax.sip.header.MinExpiresHeader;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.settings.Transport;

/**
 * Keeps one binding registered (RFC 3261 §10.2) and watches the server with polling keepalives.
 *
 * <ul>
 * <li>REGISTER with digest auth (§22.2-22.4, RFC 7616): a 401 is answered with the identity's
 * credentials, a 407 with the proxy's; a second challenge to fresh credentials without
 * {@code stale=true} means a wrong password: FAILED, retried slowly (no storm).</li>
 * <li>Refresh before the granted expiry runs out (the server's grant wins, §10.2.4); 423 raises
 * the expiry to Min-Expires (§10.3).</li>
 * <li>Keepalive every polling interval: CRLF on TCP/TLS (RFC 5626 §4.4.1) and OPTIONS to the
 * registrar. No answer within the response timeout (&lt; 5 s) turns the status offline, so the
 * detection bound is polling interval + 5 s. While offline a REGISTER is tried for 1 s (on UDP the
 * original and one retransmission), then again after a pause doubling from 250 ms up to
 * {@link SipAgentOptions#reachRetryCap()} (500 ms): the server never waits more than about 1 s for
 * a REGISTER, so the device is back within 2 s of it, and an absent server sees at most a few
 * small requests per second.</li>
 * <li>A changed rport on a keepalive answer over TCP/TLS means the connection was replaced: the
 * binding (tied to the old connection) is refreshed at once. A dropped connection does the same.</li>
 * </ul>
 *
 * Threading: every method runs on the agent thread ({@code loop}); stack callbacks are posted to it.
 */
final class RegistrationClient {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationClient.class);
    private static final Duration UNREGISTER_WAIT = Duration.ofSeconds(2);
    private static final int MAX_CHALLENGES_IN_ROW = 4;

    private final BindingPlan plan;
    private final SipStackSession session;
    private final RequestFactory requests;
    private final SipAgentOptions options;
    private final ScheduledExecutorService loop;
    private final Clock clock;
    private final RegistrationSink sink;
    private final Backoff reachBackoff;
    private final Backoff refusedBackoff;
    private final String callId;
    private final String fromTag = UUID.randomUUID().toString().substring(0, 8);

    private long cseq;
    private int requestedExpiry;
    private DigestResponder serverAuth;
    private DigestResponder proxyAuth;
    private Boolean serverAnswerFresh;
    private Boolean proxyAnswerFresh;
    private int challengesInRow;
    private boolean registered;
    private boolean closed;
    private int registeredRport = -1;

    private long attemptToken;
    private ClientTransaction attempt;
    private ScheduledFuture<?> attemptTimer;
    private ScheduledFuture<?> retryTimer;
    private ScheduledFuture<?> refreshTimer;

    private long keepaliveToken;
    private ClientTransaction keepalive;
    private long keepaliveSentNanos;
    private ScheduledFuture<?> keepaliveTimer;
    private ScheduledFuture<?> keepaliveTimeout;

    RegistrationClient(BindingPlan plan, SipStackSession session, SipAgentOptions options,
            ScheduledExecutorService loop, Clock clock, RegistrationSink sink) {
        this.plan = plan;
        this.session = session;
        this.requests = new RequestFactory(session, plan);
        this.options = options;
        this.loop = loop;
        this.clock = clock;
        this.sink = sink;
        this.reachBackoff = new Backoff(Duration.ofMillis(250), options.reachRetryCap());
        this.refusedBackoff = new Backoff(options.refusedRetryFirst(), options.refusedRetryCap());
        this.callId = requests.newCallId();
        this.requestedExpiry = (int) options.requestedExpiry().toSeconds();
    }

    void start() {
        register();
    }

    SipStackSession session() {
        return session;
    }

    // ---- REGISTER -------------------------------------------------------------------------

    private void register() {
        if (closed) {
            return;
        }
        cancel(retryTimer);
        cancel(attemptTimer);
        session.abandon(attempt);
        attempt = null;
        session.problems().clear();
        long token = ++attemptToken;
        try {
            Request request = requests.register(callId, fromTag, ++cseq, requestedExpiry);
            authorize(request);
            attempt = session.send(request, onLoop(
                    response -> {
                        if (token == attemptToken) {
                            onRegisterResponse(response);
                        }
                    },
                    () -> {
                        if (token == attemptToken) {
                            onAttemptTimeout();
                        }
                    }));
            attemptTimer = loop.schedule(() -> {
                if (token == attemptToken) {
                    onAttemptTimeout();
                }
            }, attemptTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (SipException e) {
            attemptFailed("cannot reach server: " + rootMessage(e));
        } catch (ParseException | InvalidArgumentException e) {
            refused("cannot build REGISTER: " + e.getMessage());
        }
    }

    /** Adds our answers to the challenges seen so far (RFC 3261 §22.3: reuse until challenged anew). */
    private void authorize(Request request) throws ParseException {
        serverAnswerFresh = null;
        proxyAnswerFresh = null;
        if (serverAuth != null) {
            request.addHeader(session.headers().createHeader(AuthorizationHeader.NAME,
                    serverAuth.answer(request.getMethod(), requests.requestUri())));
            serverAnswerFresh = serverAuth.isFresh();
        }
        if (proxyAuth != null) {
            request.addHeader(session.headers().createHeader(ProxyAuthorizationHeader.NAME,
                    proxyAuth.answer(request.getMethod(), requests.requestUri())));
            proxyAnswerFresh = proxyAuth.isFresh();
        }
    }

    /**
     * How long a REGISTER may go unanswered. While the server is away, attempts are short (1 s:
     * the original and one UDP retransmission) so a returning server is seen within 2 s.
     */
    private Duration attemptTimeout() {
        Duration offlineAttempt = Duration.ofSeconds(1);
        return registered || options.responseTimeout().compareTo(offlineAttempt) < 0 ? options.responseTimeout()
                : offlineAttempt;
    }

    private void onRegisterResponse(Response response) {
        int code = response.getStatusCode();
        if (code < 200 || closed) {
            return;
        }
        cancel(attemptTimer);
        attempt = null;
        if (code < 300) {
            onRegistered(response);
        } else if (code == Response.UNAUTHORIZED || code == Response.PROXY_AUTHENTICATION_REQUIRED) {
            onChallenge(response, code == Response.PROXY_AUTHENTICATION_REQUIRED);
        } else if (code == Response.INTERVAL_TOO_BRIEF && response.getHeader(MinExpiresHeader.NAME) != null
                && ((MinExpiresHeader) response.getHeader(MinExpiresHeader.NAME)).getExpires() > requestedExpiry) {
            requestedExpiry = ((MinExpiresHeader) response.getHeader(MinExpiresHeader.NAME)).getExpires();
            register();
        } else {
            refused("server refused registration: " + code + " " + response.getReasonPhrase());
        }
    }

    private void onChallenge(Response response, boolean proxy) {
        challengesInRow++;
        DigestChallenge challenge;
        try {
            challenge = Challenges.best(response, proxy ? ProxyAuthenticateHeader.NAME : WWWAuthenticateHeader.NAME);
        } catch (DigestChallenge.BadChallengeException e) {
            refused(response.getStatusCode() + " without a usable challenge: " + e.getMessage());
            return;
        }
        Boolean answeredFresh = proxy ? proxyAnswerFresh : serverAnswerFresh;
        if (Boolean.TRUE.equals(answeredFresh) && !challenge.stale()) {
            refused(proxy ? "proxy authentication rejected: wrong proxy username or password"
                    : "authentication rejected: wrong username or password");
            return;
        }
        if (challengesInRow > MAX_CHALLENGES_IN_ROW) {
            refused("authentication loop: the server keeps challenging");
            return;
        }
        if (proxy) {
            String password = plan.proxy().authPassword();
            if (password == null || plan.proxy().authUsername() == null) {
                refused("proxy asks for credentials but none are configured");
                return;
            }
            proxyAuth = new DigestResponder(challenge, plan.proxy().authUsername(), password);
        } else {
            String password = plan.identity().authPassword();
            if (password == null) {
                refused("server asks for credentials but no password is configured");
                return;
            }
            serverAuth = new DigestResponder(challenge, plan.authUsername(), password);
        }
        register();
    }

    private void onRegistered(Response response) {
        challengesInRow = 0;
        reachBackoff.reset();
        refusedBackoff.reset();
        registered = true;
        registeredRport = rport(response);
        int granted = grantedExpiry(response);
        LOG.debug("registered with {} for {} s", plan.serverLabel(), granted);
        sink.registered(clock.instant());
        cancel(refreshTimer);
        refreshTimer = loop.schedule(this::register, refreshDelay(granted).toMillis(), TimeUnit.MILLISECONDS);
        if (keepaliveTimer == null || keepaliveTimer.isDone()) {
            if (keepalive == null) {
                scheduleKeepalive();
            }
        }
    }

    /** When to refresh a binding granted for {@code seconds}: 30 s early, or halfway for short grants. */
    static Duration refreshDelay(int seconds) {
        if (seconds > 60) {
            return Duration.ofSeconds(seconds - 30L);
        }
        return Duration.ofMillis(Math.max(500, seconds * 500L));
    }

    /** The expiry the server granted our contact (§10.2.4): its Contact expires, else Expires, else ours. */
    private int grantedExpiry(Response response) {
        try {
            SipURI ours = requests.contactUri();
            ListIterator<Header> contacts = response.getHeaders(ContactHeader.NAME);
            while (contacts != null && contacts.hasNext()) {
                ContactHeader contact = (ContactHeader) contacts.next();
                if (contact.getAddress().getURI() instanceof SipURI uri && sameBinding(uri, ours)
                        && contact.getExpires() >= 0) {
                    return contact.getExpires();
                }
            }
        } catch (ParseException e) {
            LOG.debug("cannot rebuild our contact", e);
        }
        ExpiresHeader expires = response.getExpires();
        return expires != null ? expires.getExpires() : requestedExpiry;
    }

    private static boolean sameBinding(SipURI a, SipURI b) {
        return a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort()
                && String.valueOf(a.getUser()).equals(String.valueOf(b.getUser()));
    }

    private void onAttemptTimeout() {
        session.abandon(attempt);
        attempt = null;
        attemptFailed("no response from server");
    }

    /** An attempt got no usable answer: a TLS refusal or malformed answers are failures, silence is offline. */
    private void attemptFailed(String reason) {
        TransportProblems problems = session.problems();
        if (problems.tlsFailure() != null) {
            refused(problems.tlsFailure());
        } else if (problems.malformedMessage() != null) {
            refused("malformed response from server (" + problems.malformedMessage() + ")");
        } else {
            unreachable(reason);
        }
    }

    // ---- keepalive ------------------------------------------------------------------------

    private void scheduleKeepalive() {
        cancel(keepaliveTimer);
        keepaliveTimer = loop.schedule(this::sendKeepalive, plan.pollingInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sendKeepalive() {
        if (closed || !registered) {
            return;
        }
        if (plan.transport() != Transport.UDP) {
            try {
                session.sendCrlfKeepalive();
            } catch (IOException e) {
                lost("connection to server dropped: " + e.getMessage());
                return;
            }
        }
        sendOptions(false);
    }

    private void sendOptions(boolean answeringChallenge) {
        long token = ++keepaliveToken;
        try {
            Request request = requests.options(fromTag);
            if (proxyAuth != null) {
                request.addHeader(session.headers().createHeader(ProxyAuthorizationHeader.NAME,
                        proxyAuth.answer(Request.OPTIONS, requests.requestUri())));
            }
            keepaliveSentNanos = System.nanoTime();
            keepalive = session.send(request, onLoop(
                    response -> {
                        if (token == keepaliveToken) {
                            onKeepaliveResponse(response, answeringChallenge);
                        }
                    },
                    () -> {
                        if (token == keepaliveToken) {
                            onKeepaliveTimeout();
                        }
                    }));
            cancel(keepaliveTimeout);
            keepaliveTimeout = loop.schedule(() -> {
                if (token == keepaliveToken) {
                    onKeepaliveTimeout();
                }
            }, options.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (SipException e) {
            lost("cannot reach server: " + rootMessage(e));
        } catch (ParseException | InvalidArgumentException e) {
            LOG.warn("cannot build keepalive OPTIONS", e);
            scheduleKeepalive();
        }
    }

    private void onKeepaliveResponse(Response response, boolean answeredChallenge) {
        int code = response.getStatusCode();
        if (code < 200 || closed || !registered) {
            return;
        }
        cancel(keepaliveTimeout);
        keepalive = null;
        if (code == Response.PROXY_AUTHENTICATION_REQUIRED && plan.viaProxy() && !answeredChallenge
                && plan.proxy().authPassword() != null) {
            try {
                proxyAuth = new DigestResponder(Challenges.best(response, ProxyAuthenticateHeader.NAME),
                        plan.proxy().authUsername(), plan.proxy().authPassword());
                sendOptions(true);
                return;
            } catch (DigestChallenge.BadChallengeException e) {
                LOG.info("proxy challenge to keepalive unusable: {}", e.getMessage());
            }
        }
        if (plan.viaProxy() && (code == Response.REQUEST_TIMEOUT || code == Response.SERVICE_UNAVAILABLE)) {
            lost("server behind the proxy not responding (" + code + ")");
            return;
        }
        sink.keepaliveAnswered(Duration.ofNanos(System.nanoTime() - keepaliveSentNanos));
        int rport = rport(response);
        if (plan.transport() != Transport.UDP && registeredRport > 0 && rport > 0 && rport != registeredRport) {
            LOG.info("connection to {} was replaced; registering again", plan.serverLabel());
            register();
        }
        scheduleKeepalive();
    }

    private void onKeepaliveTimeout() {
        session.abandon(keepalive);
        keepalive = null;
        lost("server not responding to keepalive");
    }

    /** The stack saw a TCP/TLS connection fail. */
    void connectionLost(String reason) {
        if (!closed && registered) {
            lost(reason);
        }
    }

    /** A binding we held is gone: report offline and try to register again at once. */
    private void lost(String reason) {
        stopWatching();
        registered = false;
        sink.offline(RegistrationState.UNREGISTERED, reason);
        register();
    }

    // ---- outcomes -------------------------------------------------------------------------

    private void unreachable(String reason) {
        stopWatching();
        registered = false;
        sink.offline(RegistrationState.UNREGISTERED, reason);
        scheduleRetry(reachBackoff.next());
    }

    private void refused(String reason) {
        stopWatching();
        registered = false;
        serverAuth = null;
        proxyAuth = null;
        LOG.warn("registration with {} failed: {}", plan.serverLabel(), reason);
        sink.offline(RegistrationState.FAILED, reason);
        scheduleRetry(refusedBackoff.next());
    }

    private void scheduleRetry(Duration pause) {
        cancel(retryTimer);
        retryTimer = loop.schedule(() -> {
            challengesInRow = 0;
            register();
        }, pause.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void stopWatching() {
        cancel(refreshTimer);
        cancel(keepaliveTimer);
        cancel(keepaliveTimeout);
        session.abandon(keepalive);
        keepalive = null;
    }

    // ---- closing --------------------------------------------------------------------------

    /**
     * Ends this binding: when registered, sends REGISTER with Expires 0 (RFC 3261 §10.2.2), answering
     * one challenge, and waits for the answer up to 2 s; then stops the stack. Blocks the agent
     * thread, which is why the unregister's answers are handled on the stack thread.
     */
    void close(boolean unregister) {
        closed = true;
        cancel(retryTimer);
        cancel(attemptTimer);
        stopWatching();
        session.abandon(attempt);
        attempt = null;
        if (unregister && registered) {
            new Unregistration(session, requests, plan, callId, fromTag, serverAuth, proxyAuth)
                    .await(++cseq, UNREGISTER_WAIT);
        }
        registered = false;
        long closing = System.nanoTime();
        session.close();
        LOG.debug("SIP stack for {} closed in {} ms", plan.serverLabel(), (System.nanoTime() - closing) / 1_000_000);
    }

    // ---- helpers --------------------------------------------------------------------------

    /** A handler that moves stack callbacks onto the agent thread. */
    private TransactionHandler onLoop(Consumer<Response> onResponse, Runnable onTimeout) {
        return new TransactionHandler() {
            @Override
            public void onResponse(Response response) {
                post(() -> onResponse.accept(response));
            }

            @Override
            public void onTimeout() {
                post(onTimeout);
            }
        };
    }

    private void post(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException agentStopped) {
            LOG.trace("agent stopped; callback dropped");
        }
    }

    private static int rport(Response response) {
        ViaHeader via = (ViaHeader) response.getHeader(ViaHeader.NAME);
        return via == null ? -1 : via.getRPort();
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
