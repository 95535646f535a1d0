package rock.intercom.app;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.call.CallCommand;
import rock.intercom.call.CallInput;
import rock.intercom.call.CallSignalling;
import rock.intercom.call.CallState;
import rock.intercom.call.DoorCall;
import rock.intercom.call.ScreenState;
import rock.intercom.call.TimerId;
import rock.intercom.call.media.CallMedia;
import rock.intercom.events.EventStore;
import rock.intercom.events.Listeners;
import rock.intercom.events.SecurityEventName;

/**
 * Drives the door's {@link DoorCall}: the one thread that owns call state. The button, the SIP
 * adapter, the media, timers and settings changes {@link #post} inputs; the commands each
 * transition returns run on that same thread, in order. Posting never waits: the queue holds
 * {@value #QUEUE_CAPACITY} inputs, and beyond that an input is dropped with a rate-limited WARN
 * (a SIP stack thread must never block on the call thread; SIP retransmits what mattered).
 * Thread-safe: every public method may be called from anywhere.
 */
public final class CallController implements AutoCloseable {

    /** Inputs waiting for the call thread; a call produces a handful, so only a flood fills it. */
    static final int QUEUE_CAPACITY = 256;
    /** At most one WARN about dropped inputs per this many nanoseconds. */
    private static final long DROP_WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private static final Logger log = LoggerFactory.getLogger(CallController.class);

    private final String deviceId;
    private final DoorCall call;
    private final CallSignalling signalling;
    private final CallMedia media;
    private final EventStore events;
    private final Consumer<CallCommand.HandleDigit> digits;
    private final ThreadPoolExecutor callThread;
    private final int queueCapacity;
    private final ScheduledExecutorService timers;
    private final Map<TimerId, ScheduledFuture<?>> pendingTimers = new ConcurrentHashMap<>();
    private final RejectionFloodGuard rejections = new RejectionFloodGuard(rock.intercom.call.Ticker.system());
    private volatile CallState state;
    private volatile ScreenState screen;
    private final Listeners<ScreenState> screenListeners = new Listeners<>(
            (shown, failure) -> log.warn("screen listener failed: {}", failure.toString()));
    private final Listeners<CallCommand> commandObservers = new Listeners<>(
            (command, failure) -> log.warn("command observer failed on {}: {}", command.getClass().getSimpleName(),
                    failure.toString()));
    private final AtomicLong dropped = new AtomicLong();
    /** Owned by the watchdog's thread ({@link #probe}). */
    private long completedAtLastProbe;
    private final AtomicLong nextDropWarn = new AtomicLong(System.nanoTime());

    /** Connects itself as the sink of {@code signalling} and {@code media}, so both report here. */
    public CallController(String deviceId, DoorCall call, CallSignalling signalling, CallMedia media,
            EventStore events) {
        this(deviceId, call, signalling, media, events, digit -> { }, List.of(), QUEUE_CAPACITY);
    }

    /**
     * As above; the established call's DTMF digits go to {@code digits} (the door release), on the
     * call thread. Each of {@code observers} is shown every command the call logic issues, on the
     * call thread just before the command runs (a call's media is still open at its
     * {@code StopMedia}): how operations count refusals and measure call quality without standing
     * between the call and its ports. They must not block.
     */
    public CallController(String deviceId, DoorCall call, CallSignalling signalling, CallMedia media,
            EventStore events, Consumer<CallCommand.HandleDigit> digits, List<Consumer<CallCommand>> observers) {
        this(deviceId, call, signalling, media, events, digits, observers, QUEUE_CAPACITY);
    }

    CallController(String deviceId, DoorCall call, CallSignalling signalling, CallMedia media, EventStore events,
            int queueCapacity) {
        this(deviceId, call, signalling, media, events, digit -> { }, List.of(), queueCapacity);
    }

    private CallController(String deviceId, DoorCall call, CallSignalling signalling, CallMedia media, EventStore events,
            Consumer<CallCommand.HandleDigit> digits, List<Consumer<CallCommand>> observers, int queueCapacity) {
        this.digits = Objects.requireNonNull(digits, "digits");
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.call = Objects.requireNonNull(call, "call");
        this.signalling = Objects.requireNonNull(signalling, "signalling");
        this.media = Objects.requireNonNull(media, "media");
        this.events = Objects.requireNonNull(events, "events");
        this.queueCapacity = queueCapacity;
        this.callThread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueCapacity),
                named("call-" + deviceId));
        this.timers = Executors.newSingleThreadScheduledExecutor(named("call-timers-" + deviceId));
        this.state = call.state();
        this.screen = call.screen();
        observers.forEach(commandObservers::add);
        media.connect(this::post);
        signalling.start(this::post);
    }

    /**
     * Queues one input for the call thread and returns at once; inputs after {@link #close} or
     * beyond a full queue are dropped.
     */
    public void post(CallInput input) {
        try {
            callThread.execute(() -> handle(input));
        } catch (RejectedExecutionException rejected) {
            if (callThread.isShutdown()) {
                log.debug("call controller closed; dropped {}", input.getClass().getSimpleName());
            } else {
                droppedWhenFull(input);
            }
        }
    }

    private void droppedWhenFull(CallInput input) {
        long count = dropped.incrementAndGet();
        long now = System.nanoTime();
        long due = nextDropWarn.get();
        if (now - due >= 0 && nextDropWarn.compareAndSet(due, now + DROP_WARN_INTERVAL_NANOS)) {
            log.warn("call queue full ({} inputs); dropped {} ({} dropped so far)", queueCapacity,
                    input.getClass().getSimpleName(), count);
        }
    }

    /** How many inputs a full queue has dropped since start. */
    long droppedInputs() {
        return dropped.get();
    }

    /**
     * For the systemd watchdog: queues {@code answered} behind the inputs already waiting. When a
     * flood has filled the queue the thread is busy, not stuck, so it counts as answering if it
     * finished inputs since the previous probe. False once closed. Called from one thread.
     */
    public boolean probe(Runnable answered) {
        if (callThread.isShutdown()) {
            return false;
        }
        try {
            callThread.execute(answered);
        } catch (RejectedExecutionException full) {
            if (callThread.getCompletedTaskCount() > completedAtLastProbe) {
                answered.run();
            }
        }
        completedAtLastProbe = callThread.getCompletedTaskCount();
        return true;
    }

    /**
     * Whether the call thread runs a no-op task within {@code within}: alive and not stuck (the
     * health check and a service watchdog ask). False when closed or when the queue is full.
     */
    public boolean responsive(java.time.Duration within) {
        try {
            return callThread.submit(() -> { }).get(within.toMillis(), TimeUnit.MILLISECONDS) == null;
        } catch (RejectedExecutionException | java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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

    /**
     * Tells {@code listener} every screen the door shows, in order, on the call thread: it must not
     * block (hand the change on). Returns a handle that stops the telling.
     */
    public AutoCloseable onScreen(Consumer<ScreenState> listener) {
        Objects.requireNonNull(listener, "listener");
        return screenListeners.add(listener);
    }

    private void showScreen(ScreenState next) {
        screen = next;
        screenListeners.tell(next);
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
                commandObservers.tell(command);
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
        } else if (command instanceof CallCommand.StartEarlyMedia early) {
            media.startEarly(early.callId());
        } else if (command instanceof CallCommand.PlayTone play) {
            media.playTone(play.tone(), play.length());
        } else if (command instanceof CallCommand.StopTone) {
            media.stopTone();
        } else if (command instanceof CallCommand.RecordEvent record) {
            record(record);
        } else if (command instanceof CallCommand.ShowScreen show) {
            showScreen(show.screen());
        } else if (command instanceof CallCommand.HandleDigit digit) {
            digits.accept(digit);
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
        events.append(record.toNewEvent(deviceId));
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
