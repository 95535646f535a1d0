package rock.intercom.app;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.call.CallCommand;
import rock.intercom.call.CallInput;
import rock.intercom.call.CallSignalling;
import rock.intercom.call.CallState;
import rock.intercom.call.DoorCall;
import rock.intercom.call.EventDetails;
import rock.intercom.call.ScreenState;
import rock.intercom.call.TimerId;
import rock.intercom.events.EventStore;
import rock.intercom.events.SecurityEventName;

/**
 * Drives the door's {@link DoorCall}: the one thread that owns call state. The button, the SIP
 * adapter, timers and settings changes {@link #post} inputs; the commands each transition returns
 * run on that same thread, in order. Thread-safe: every public method may be called from anywhere.
 */
public final class CallController implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallController.class);

    private final String deviceId;
    private final DoorCall call;
    private final CallSignalling signalling;
    private final CallMedia media;
    private final EventStore events;
    private final ExecutorService callThread;
    private final ScheduledExecutorService timers;
    private final Map<TimerId, ScheduledFuture<?>> pendingTimers = new ConcurrentHashMap<>();
    private final RejectionFloodGuard rejections = new RejectionFloodGuard(rock.intercom.call.Ticker.system());
    private volatile CallState state;
    private volatile ScreenState screen;

    public CallController(String deviceId, DoorCall call, CallSignalling signalling, CallMedia media,
            EventStore events) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.call = Objects.requireNonNull(call, "call");
        this.signalling = Objects.requireNonNull(signalling, "signalling");
        this.media = Objects.requireNonNull(media, "media");
        this.events = Objects.requireNonNull(events, "events");
        this.callThread = Executors.newSingleThreadExecutor(named("call-" + deviceId));
        this.timers = Executors.newSingleThreadScheduledExecutor(named("call-timers-" + deviceId));
        this.state = call.state();
        this.screen = call.screen();
        signalling.start(this::post);
    }

    /** Queues one input for the call thread; inputs after {@link #close} are dropped. */
    public void post(CallInput input) {
        try {
            callThread.execute(() -> handle(input));
        } catch (RejectedExecutionException closed) {
            log.debug("call controller closed; dropped {}", input.getClass().getSimpleName());
        }
    }

    /** The call state as of the last handled input. */
    public CallState state() {
        return state;
    }

    /** What the door's screen shows now. */
    public ScreenState screen() {
        return screen;
    }

    private void handle(CallInput input) {
        List<CallCommand> commands;
        try {
            commands = call.handle(input);
        } catch (RuntimeException bug) {
            log.error("call logic failed on {}", input.getClass().getSimpleName(), bug);
            return;
        }
        state = call.state();
        screen = call.screen();
        for (CallCommand command : commands) {
            try {
                run(command);
            } catch (RuntimeException failure) {
                // One failing command (a closed socket, a full disk) must not stop the others,
                // or the call could be left without its CANCEL/BYE.
                log.warn("call command {} failed: {}", command.getClass().getSimpleName(), failure.toString());
            }
        }
    }

    private void run(CallCommand command) {
        // Java 17 has no pattern switch; the chain mirrors CallCommand's permitted types.
        if (command instanceof CallCommand.SendInvite invite) {
            signalling.sendInvite(invite);
        } else if (command instanceof CallCommand.SendCancel cancel) {
            signalling.sendCancel(cancel.callId());
        } else if (command instanceof CallCommand.SendAck ack) {
            signalling.sendAck(ack.callId());
        } else if (command instanceof CallCommand.SendBye bye) {
            signalling.sendBye(bye.callId());
        } else if (command instanceof CallCommand.AnswerIncoming answer) {
            signalling.answerIncoming(answer.callId());
        } else if (command instanceof CallCommand.RejectIncoming reject) {
            signalling.rejectIncoming(reject.callId(), reject.sipStatus(), reject.reason());
        } else if (command instanceof CallCommand.StartTimer start) {
            startTimer(start);
        } else if (command instanceof CallCommand.CancelTimer cancel) {
            cancelTimer(cancel.timer());
        } else if (command instanceof CallCommand.StartMedia start) {
            media.start(start.callId(), start.direction());
        } else if (command instanceof CallCommand.StopMedia stop) {
            media.stop(stop.callId());
        } else if (command instanceof CallCommand.RecordEvent record) {
            record(record);
        } else if (command instanceof CallCommand.ShowScreen show) {
            screen = show.screen();
        } else {
            throw new IllegalStateException("unknown command " + command);
        }
    }

    private void record(CallCommand.RecordEvent record) {
        if (record.name() == SecurityEventName.CALL_REJECTED) {
            rejections.admit(record.details()).ifPresent(details ->
                    events.append(new CallCommand.RecordEvent(record.name(), details).toNewEvent(deviceId)));
            return;
        }
        events.append(withMediaSecurity(record).toNewEvent(deviceId));
    }

    /** {@code Call Established} and {@code Incoming Call} say what protects the media (issue 6). */
    private CallCommand.RecordEvent withMediaSecurity(CallCommand.RecordEvent record) {
        if (record.name() != SecurityEventName.CALL_ESTABLISHED && record.name() != SecurityEventName.INCOMING_CALL) {
            return record;
        }
        Object callId = record.details().get(EventDetails.CALL_ID);
        if (callId == null) {
            return record;
        }
        return media.mediaSecurity(callId.toString()).map(security -> {
            var details = new java.util.LinkedHashMap<>(record.details());
            details.put("media", security);
            return new CallCommand.RecordEvent(record.name(), details);
        }).orElse(record);
    }

    private void startTimer(CallCommand.StartTimer start) {
        cancelTimer(start.timer());
        ScheduledFuture<?> future = timers.schedule(() -> {
            pendingTimers.remove(start.timer());
            post(new CallInput.TimerFired(start.timer()));
        }, start.after().toNanos(), TimeUnit.NANOSECONDS);
        pendingTimers.put(start.timer(), future);
    }

    private void cancelTimer(TimerId timer) {
        ScheduledFuture<?> future = pendingTimers.remove(timer);
        if (future != null) {
            future.cancel(false);
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
        callThread.shutdown();
        try {
            callThread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        callThread.shutdownNow();
    }

    static java.util.concurrent.ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
