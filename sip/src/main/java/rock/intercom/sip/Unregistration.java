package rock.intercom.sip;

import java.text.ParseException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.sip.digest.ChallengeAnswerer;
import rock.intercom.sip.digest.DigestChallenge;

/**
 * Removes a binding before its stack goes away: REGISTER with Expires 0 (RFC 3261 §10.2.2),
 * answering one challenge per kind, waiting a bounded time. It blocks the agent thread, so the
 * answers are handled on the stack thread that delivers them.
 */
final class Unregistration {

    private static final Logger LOG = LoggerFactory.getLogger(Unregistration.class);

    private final RegistrationRequests registration;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile long cseq;

    /** The registration's answerer is reused with its current answers, saving a challenge round trip. */
    Unregistration(RegistrationRequests registration) {
        this.registration = registration;
    }

    /** Sends the unregister with {@code firstCseq} and waits for its final answer up to {@code wait}. */
    void await(long firstCseq, Duration wait) {
        cseq = firstCseq;
        send(0);
        try {
            done.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.info("no answer to unregister from {}", registration.plan().serverLabel());
        }
    }

    private void send(int challengesAnswered) {
        try {
            Request request = registration.register(cseq++, 0);
            registration.answerer().authorize(request);
            registration.session().send(request, new TransactionHandler() {
                @Override
                public void onResponse(Response response) {
                    if (response.getStatusCode() < 200) {
                        return;
                    }
                    // At most one 407 and one 401 to answer: REGISTER, +proxy, +server.
                    if (challengesAnswered < 2 && answer(response)) {
                        send(challengesAnswered + 1);
                    } else {
                        done.complete(null);
                    }
                }

                @Override
                public void onTimeout() {
                    done.complete(null);
                }
            });
        } catch (SipException | ParseException | InvalidArgumentException e) {
            LOG.info("cannot unregister from {}: {}", registration.plan().serverLabel(), e.getMessage());
            done.complete(null);
        }
    }

    private boolean answer(Response response) {
        int code = response.getStatusCode();
        if (code != Response.UNAUTHORIZED && code != Response.PROXY_AUTHENTICATION_REQUIRED) {
            return false;
        }
        try {
            return registration.answerer().takeUp(ChallengeAnswerer.Challenger.of(response),
                    ChallengeAnswerer.challengeOf(response));
        } catch (DigestChallenge.BadChallengeException e) {
            LOG.debug("unusable challenge to unregister: {}", e.getMessage());
            return false;
        }
    }
}
