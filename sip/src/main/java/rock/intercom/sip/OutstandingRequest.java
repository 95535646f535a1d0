package rock.intercom.sip;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request in flight with a deadline of our own (shorter than the stack's transaction timer):
 * its final answer or its timeout reaches the agent thread once, and whatever arrives for an
 * abandoned or superseded request is dropped. Agent thread only; stack callbacks are posted to it.
 */
final class OutstandingRequest {

    private static final Logger LOG = LoggerFactory.getLogger(OutstandingRequest.class);

    private final SipStackSession session;
    private final LoopTimer deadline;
    private final Executor loop;
    private long generation;
    private ClientTransaction transaction;

    OutstandingRequest(SipStackSession session, ScheduledExecutorService loop) {
        this.session = session;
        this.loop = loop;
        this.deadline = new LoopTimer(loop);
    }

    /** Sends {@code request} in place of any earlier one; provisional answers are ignored. */
    void send(Request request, Duration timeout, Consumer<Response> onAnswer, Runnable onTimeout)
            throws SipException {
        abandon();
        long mine = generation;
        transaction = session.send(request, new TransactionHandler() {
            @Override
            public void onResponse(Response response) {
                if (response.getStatusCode() >= 200) {
                    post(() -> {
                        if (mine == generation) {
                            finish();
                            onAnswer.accept(response);
                        }
                    });
                }
            }

            @Override
            public void onTimeout() {
                post(() -> timedOut(mine, onTimeout));
            }
        });
        deadline.schedule(timeout, () -> timedOut(mine, onTimeout));
    }

    /** Gives up on the request in flight, if any; its answer will be dropped. */
    void abandon() {
        generation++;
        deadline.cancel();
        session.abandon(transaction);
        transaction = null;
    }

    /** The status line of a send that failed below SIP, for a person to read. */
    static String unreachable(SipException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "cannot reach server: " + (root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getMessage());
    }

    private void timedOut(long mine, Runnable onTimeout) {
        if (mine == generation) {
            abandon();
            onTimeout.run();
        }
    }

    private void finish() {
        generation++;
        deadline.cancel();
        transaction = null;
    }

    private void post(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException agentStopped) {
            LOG.trace("agent stopped; callback dropped");
        }
    }
}
