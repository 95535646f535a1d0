package rock.intercom.app.ops;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import rock.intercom.call.CallInput;
import rock.intercom.call.CallState;
import rock.intercom.call.EventDetails;
import rock.intercom.events.EventStore;
import rock.intercom.events.SecurityEvent;
import rock.intercom.events.SecurityEventName;
import rock.intercom.media.session.MediaStatistics;

/**
 * The self-test's call: a virtual button press (the guide's Test 1, so the call number and its
 * fallbacks are dialled and recorded as usual), then the audio checked both ways — the peer's RTP
 * arriving at the door, and the peer's RTCP receiver report on the door's stream (RFC 3550 §6.4.2)
 * proving the door's audio arrives there — then a second press hangs up. Blocking; one at a time.
 */
final class TestCall {

    /** How long the audio is watched; RTCP reports come every ~5 s (RFC 3550 §6.2). */
    static final Duration LISTEN = Duration.ofSeconds(7);
    /** The press that hangs up must not look like contact bounce (DoorCall's debounce is 500 ms). */
    static final Duration MIN_CONNECTED = Duration.ofSeconds(1);

    private final String deviceId;
    private final SelfTest.CallPort call;
    private final EventStore events;

    TestCall(String deviceId, SelfTest.CallPort call, EventStore events) {
        this.deviceId = deviceId;
        this.call = call;
        this.events = events;
    }

    /** Calls, listens, hangs up; the step's report ({@code result}, {@code detail}, the numbers). */
    ObjectNode run(Duration answerWithin) throws InterruptedException {
        ObjectNode step = JsonNodeFactory.instance.objectNode().put("name", "test call");
        if (!(call.state().get() instanceof CallState.Idle)) {
            return step.put("result", "SKIPPED").put("detail", "the door is in a call");
        }
        BlockingQueue<SecurityEvent> seen = new LinkedBlockingQueue<>(64);
        try (AutoCloseable subscription = events.subscribe(event -> {
            if (event.deviceId().equals(deviceId)) {
                seen.offer(event);
            }
        })) {
            call.post().accept(new CallInput.ButtonPressed());
            Optional<SecurityEvent> established = awaitEstablished(seen, answerWithin, step);
            if (established.isEmpty()) {
                return step;
            }
            String callId = String.valueOf(established.get().details().get(EventDetails.CALL_ID));
            step.put("number", String.valueOf(established.get().details().get(EventDetails.NUMBER)));
            step.put("media", String.valueOf(established.get().details().getOrDefault("media", "")));
            listen(callId, step);
            hangUp(callId, seen);
            return step;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return step.put("result", "FAILED").put("detail", e.toString());
        }
    }

    private Optional<SecurityEvent> awaitEstablished(BlockingQueue<SecurityEvent> seen, Duration within,
            ObjectNode step) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        String lastFailure = "no answer within " + within.toSeconds() + " s";
        boolean failed = false;
        while (System.nanoTime() < deadline) {
            SecurityEvent event = seen.poll(200, TimeUnit.MILLISECONDS);
            if (event != null && event.name().equals(SecurityEventName.CALL_ESTABLISHED.label())) {
                return Optional.of(event);
            }
            if (event != null && event.name().equals(SecurityEventName.CALL_FAILED.label())) {
                failed = true;
                lastFailure = event.details().get(EventDetails.NUMBER) + ": "
                        + event.details().getOrDefault(EventDetails.REASON, "failed");
            }
            if (failed && seen.isEmpty() && call.state().get() instanceof CallState.Idle) {
                break; // the last fallback number failed too
            }
        }
        step.put("result", "FAILED").put("detail", "the call was not answered (" + lastFailure + ")");
        return Optional.empty();
    }

    private void listen(String callId, ObjectNode step) throws InterruptedException {
        long start = System.nanoTime();
        MediaStatistics stats = null;
        while (System.nanoTime() - start < LISTEN.toNanos()) {
            Thread.sleep(250);
            stats = call.statistics().apply(callId).orElse(stats);
            if (stats != null && System.nanoTime() - start >= MIN_CONNECTED.toNanos()
                    && stats.packetsReceived() > 0 && stats.remoteFractionLost() >= 0) {
                break;
            }
        }
        boolean heard = stats != null && stats.packetsReceived() > 0;
        boolean reached = stats != null && stats.rtcpReportsReceived() > 0 && stats.remoteFractionLost() >= 0;
        ObjectNode audio = step.putObject("audio");
        audio.put("peerToDoor", heard ? "received " + stats.packetsReceived() + " RTP packets" : "no RTP received");
        audio.put("doorToPeer", reached ? String.format(java.util.Locale.ROOT,
                "the peer reports %.1f %% of the door's packets lost", stats.remoteFractionLost() * 100)
                : stats != null && stats.packetsSent() > 0 ? "sent " + stats.packetsSent()
                        + " RTP packets; the peer sent no RTCP report to confirm them" : "nothing sent");
        if (heard) {
            long expected = stats.packetsReceived() + Math.max(0, stats.packetsLost());
            audio.put("mos", Math.round(MosEstimate.of(Math.max(0, stats.packetsLost()) / (double) expected,
                    stats.jitterMillis()) * 100) / 100.0);
        }
        // Door → peer unconfirmed is not a failure: some PBXs send no RTCP. No audio from the peer is.
        step.put("result", heard ? "PASSED" : "FAILED");
        step.put("detail", heard ? (reached ? "audio flows both ways" : "audio from the peer; door → peer unconfirmed")
                : "the call connected but no audio arrived from the peer");
    }

    private void hangUp(String callId, BlockingQueue<SecurityEvent> seen) throws InterruptedException {
        CallState now = call.state().get();
        if (now.leg() == null || !callId.equals(now.leg().callId())) {
            return; // the peer already hung up: another press would start a new call
        }
        call.post().accept(new CallInput.ButtonPressed());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && !(call.state().get() instanceof CallState.Idle)) {
            seen.poll(100, TimeUnit.MILLISECONDS);
        }
    }
}
