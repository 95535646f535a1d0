package rock.intercom.fleet.central;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import rock.intercom.fleet.Wire;

/**
 * One device's open WebSocket at the portal: sends messages to it and matches its answers to the
 * requests that wait for them. Thread-safe: portal request threads send, Jetty's thread answers.
 */
final class DeviceLink {

    /** Bound on unanswered requests, so a device that never answers cannot grow the portal's memory. */
    private static final int MAX_PENDING = 64;

    private final WsContext session;
    private final AtomicLong nextRequest = new AtomicLong();
    private final Map<Long, CompletableFuture<ObjectNode>> pending = new ConcurrentHashMap<>();

    DeviceLink(WsContext session) {
        this.session = session;
    }

    String sessionId() {
        return session.sessionId();
    }

    synchronized void send(ObjectNode message) {
        session.send(Wire.write(message));
    }

    /** Sends {@code message} with a fresh {@code requestId} and waits for the answer carrying it. */
    ObjectNode request(ObjectNode message, Duration timeout) throws TimeoutException {
        try {
            return requestAsync(message, timeout).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted while waiting for the device");
        } catch (ExecutionException e) {
            throw new TimeoutException(e.getCause().getMessage());
        }
    }

    /**
     * Sends {@code message} with a fresh {@code requestId}; the answer completes the result, which
     * fails with a {@link TimeoutException} after {@code timeout} or when the link closes first.
     */
    CompletableFuture<ObjectNode> requestAsync(ObjectNode message, Duration timeout) {
        if (pending.size() >= MAX_PENDING) {
            return CompletableFuture.failedFuture(
                    new TimeoutException("the device has " + MAX_PENDING + " unanswered requests"));
        }
        long id = nextRequest.incrementAndGet();
        CompletableFuture<ObjectNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        CompletableFuture<ObjectNode> result = answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((value, failure) -> {
                    pending.remove(id);
                    if (failure instanceof TimeoutException) {
                        throw new CompletionException(new TimeoutException("no answer within " + timeout.toSeconds()
                                + " s"));
                    }
                    if (failure != null) {
                        throw new CompletionException(new TimeoutException("the link closed before the device answered"));
                    }
                    return value;
                });
        try {
            send(message.put("requestId", id));
        } catch (RuntimeException e) {
            answer.completeExceptionally(e);
        }
        return result;
    }

    /** An answer from the device; one nobody waits for (late, or forged) is dropped. */
    void answered(ObjectNode message) {
        CompletableFuture<ObjectNode> waiting = pending.get(message.path("requestId").asLong(-1));
        if (waiting != null) {
            waiting.complete(message);
        }
    }

    void closed() {
        pending.values().forEach(waiting -> waiting.completeExceptionally(new IllegalStateException("link closed")));
    }

    void close(String reason) {
        session.closeSession(1008, reason);
    }
}
