package rock.intercom.sip.call;

import gov.nist.javax.sip.DialogTimeoutEvent;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.TimeoutEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.call.CallInput;
import rock.intercom.call.CallSignalling;
import rock.intercom.call.media.SessionDescriptions;
import rock.intercom.sip.SipAgent;
import rock.intercom.sip.SipEventRouter;

/**
 * The call side of the device's SIP listener. The agent's {@code SipListener} offers every event
 * here first; a {@code false} return means "not a call message" and the registration side handles
 * it. Each accepted event is handed to the small handler for its operation on one dialogs thread,
 * which alone touches call state; {@link #signalling()} runs the call driver's commands on that
 * same thread, so responses, requests and commands for a call are seen in one order.
 *
 * <p>Threading: the {@code process…} methods are called on JAIN-SIP threads and only classify
 * and enqueue. The work queue is bounded ({@link #QUEUE_LIMIT}); beyond it events are dropped
 * and logged, which the SIP retransmission timers recover from.
 */
public final class CallDialogs implements SipEventRouter, AutoCloseable {

    /** Most events waiting for the dialogs thread. */
    public static final int QUEUE_LIMIT = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(CallDialogs.class);

    private final CallContext context;
    private final ThreadPoolExecutor worker;
    private final InviteClient invites;
    private final CancelSender cancels;
    private final AckSender acks;
    private final ByeSender byes;
    private final IncomingInviteServer incomingInvites;
    private final InviteAnswerer answerer;
    private final AckHandler ackHandler;
    private final CancelHandler cancelHandler;
    private final ByeHandler byeHandler;
    private final ReInviteHandler reInvites;
    private final OptionsResponder options;
    private final InfoHandler infos;
    private final SipCallSignalling signalling;

    /** Production timing: RFC 3261's T1 of 500 ms, so an unanswered INVITE gives up after 32 s (Timer B). */
    public CallDialogs(CallStack stack, SessionDescriptions media) {
        this(stack, media, InviteClient.RFC_T1_MILLIS);
    }

    /** With another INVITE T1 (Timer B = 64 × T1, RFC 3261 §17.1.1.2): tests use a short one. */
    CallDialogs(CallStack stack, SessionDescriptions media, int inviteT1Millis) {
        this.context = new CallContext(stack, media, new CallLegs(), new CallInputs());
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE_LIMIT),
                task -> {
                    Thread thread = new Thread(task, "sip-call-dialogs");
                    thread.setDaemon(true);
                    return thread;
                });
        this.cancels = new CancelSender(context);
        this.invites = new InviteClient(context, cancels, inviteT1Millis);
        this.acks = new AckSender(context);
        this.byes = new ByeSender(context);
        this.incomingInvites = new IncomingInviteServer(context);
        this.answerer = new InviteAnswerer(context);
        this.ackHandler = new AckHandler(context, byes);
        this.cancelHandler = new CancelHandler(context);
        this.byeHandler = new ByeHandler(context);
        this.reInvites = new ReInviteHandler(context);
        this.options = new OptionsResponder(context);
        this.infos = new InfoHandler(context);
        this.signalling = new SipCallSignalling(this);
    }

    /**
     * Call dialogs on the agent's own stack: they share its provider, Contact and digest, and the
     * agent offers them every SIP event first. The caller closes them after stopping the agent.
     */
    public static CallDialogs attachTo(SipAgent agent, SessionDescriptions media) {
        CallDialogs dialogs = new CallDialogs(agent.sharedStack(), media);
        agent.setEventRouter(dialogs);
        return dialogs;
    }

    /** The port the call driver uses; its methods return at once and run on the dialogs thread. */
    public CallSignalling signalling() {
        return signalling;
    }

    /**
     * Builds and encodes the INVITE a press would send to the Call Number with {@code offer}, then
     * drops it: nothing reaches the wire, no transaction or dialog is made, the dialogs' state is not
     * touched. On the door's C1-only JVM the INVITE build of a press is otherwise interpreted each
     * time; rehearsing it a few hundred times gets it compiled (issue 12, {@code bench/api-press.sh}).
     * Any thread. Returns the encoded INVITE's length, or -1 when the settings allow no INVITE.
     */
    public int rehearseInvite(String offer) {
        try {
            return invites.rehearse(offer);
        } catch (CallRoute.UnusableSettings | java.text.ParseException | javax.sip.SipException
                | javax.sip.InvalidArgumentException e) {
            return -1;
        }
    }

    /** INVITE, ACK, CANCEL, BYE, OPTIONS and INFO are call messages; anything else is not. */
    @Override
    public boolean processRequest(RequestEvent event) {
        Request request = event.getRequest();
        switch (request.getMethod()) {
            case Request.INVITE -> run(() -> {
                if (hasToTag(request)) {
                    reInvites.on(event);
                } else {
                    incomingInvites.onInvite(event);
                }
            });
            case Request.ACK -> run(() -> ackHandler.onAck(event));
            case Request.CANCEL -> run(() -> cancelHandler.on(event));
            case Request.BYE -> run(() -> byeHandler.on(event));
            case Request.OPTIONS -> run(() -> options.onOptions(event));
            case Request.INFO -> run(() -> infos.on(event));
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Responses to INVITE, CANCEL and BYE are call messages. */
    @Override
    public boolean processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        String method = cseq == null ? "" : cseq.getMethod();
        if (Request.INVITE.equals(method)) {
            String callId = Messages.callId(response);
            run(() -> context.legs().outgoing(callId).ifPresentOrElse(leg -> invites.onResponse(leg, event),
                    () -> LOG.debug("INVITE response {} for unknown call {}", response.getStatusCode(), callId)));
            return true;
        }
        if (Request.CANCEL.equals(method) || Request.BYE.equals(method)) {
            LOG.debug("{} {} for {}", response.getStatusCode(), method, Messages.callId(response));
            return true;
        }
        return false;
    }

    /** INVITE timeouts: ours (Timer B) → NoResponse; our 2xx never ACKed → NoResponse. */
    @Override
    public boolean processTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            ServerTransaction transaction = event.getServerTransaction();
            if (!isCallMethod(transaction.getRequest().getMethod())) {
                return false;
            }
            if (Request.INVITE.equals(transaction.getRequest().getMethod())) {
                String callId = Messages.callId(transaction.getRequest());
                run(() -> ackNeverCame(callId));
            }
            return true;
        }
        ClientTransaction transaction = event.getClientTransaction();
        if (!isOurClientMethod(transaction.getRequest().getMethod())) {
            return false;
        }
        if (Request.INVITE.equals(transaction.getRequest().getMethod())) {
            String callId = Messages.callId(transaction.getRequest());
            run(() -> context.legs().outgoing(callId).ifPresent(leg -> invites.onTimeout(leg, transaction)));
        }
        return true;
    }

    /** JAIN-SIP's dialog timeout: our 2xx to an incoming INVITE was never ACKed (RFC 3261 §13.3.1.4). */
    @Override
    public boolean processDialogTimeout(DialogTimeoutEvent event) {
        return onKnownCall(event.getDialog(), this::ackNeverCame);
    }

    /** Runs {@code task} with the Call-ID on the dialogs' thread when the dialog is a call's we know; else false. */
    private boolean onKnownCall(Dialog dialog, Consumer<String> task) {
        String callId = dialog.getCallId().getCallId();
        if (!context.legs().knows(callId)) {
            return false;
        }
        run(() -> task.accept(callId));
        return true;
    }

    private void ackNeverCame(String callId) {
        context.legs().incoming(callId).ifPresent(leg -> {
            if (leg.phase() == IncomingLeg.Phase.BYE_AFTER_ACK) {
                byes.sendOn(leg);
            } else if (leg.phase() == IncomingLeg.Phase.ANSWERED) {
                context.legs().end(leg);
                context.inputs().post(new CallInput.NoResponse(callId));
            }
        });
    }

    /**
     * A transport failure towards {@code host:port}: calls whose INVITE went there fail —
     * unanswered ones with TransportFailed, established ones with DialogFailed.
     */
    @Override
    public boolean processIOException(IOExceptionEvent event) {
        String hop = event.getHost() + ":" + event.getPort();
        boolean ours = context.legs().all().stream()
                .anyMatch(leg -> leg instanceof OutgoingLeg outgoing && outgoing.nextHop().equals(hop));
        if (ours) {
            run(() -> context.legs().all().forEach(leg -> {
                if (leg instanceof OutgoingLeg outgoing && outgoing.nextHop().equals(hop)) {
                    String reason = "connection to " + hop + " (" + event.getTransport() + ") failed";
                    if (outgoing.answered()) {
                        context.legs().end(outgoing);
                        context.inputs().post(new CallInput.DialogFailed(outgoing.callId(), reason));
                    } else {
                        invites.fail(outgoing, reason);
                    }
                }
            }));
        }
        return ours;
    }

    /** A dialog of a call still held as established ended without BYE: the call failed. */
    @Override
    public boolean processDialogTerminated(DialogTerminatedEvent event) {
        // Only the call's own dialog counts: the early dialog of a challenged INVITE ends too.
        return onKnownCall(event.getDialog(), callId -> context.legs().find(callId)
                .filter(leg -> leg.answered() && (leg.dialog() == null || leg.dialog() == event.getDialog()))
                .ifPresent(leg -> {
                    context.legs().remove(callId);
                    context.inputs().post(new CallInput.DialogFailed(callId, "dialog terminated"));
                }));
    }

    void start(Consumer<CallInput> sink) {
        context.inputs().start(sink);
    }

    InviteClient invites() {
        return invites;
    }

    CancelSender cancels() {
        return cancels;
    }

    AckSender acks() {
        return acks;
    }

    ByeSender byes() {
        return byes;
    }

    InviteAnswerer answerer() {
        return answerer;
    }

    /** Runs a task on the dialogs thread; a task that throws is logged and the thread goes on. */
    void run(Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("call dialog task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("call dialogs queue full or closed; event dropped");
        }
    }

    /** Stops the dialogs thread; calls in progress are not ended (the agent's stack stop does that). */
    @Override
    public void close() {
        worker.shutdownNow();
    }

    private static boolean hasToTag(Request request) {
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        return to != null && to.getTag() != null;
    }

    /** Requests the call side sends; OPTIONS keepalives belong to registration. */
    private static boolean isOurClientMethod(String method) {
        return Request.INVITE.equals(method) || Request.BYE.equals(method) || Request.CANCEL.equals(method);
    }

    private static boolean isCallMethod(String method) {
        return Request.INVITE.equals(method) || Request.BYE.equals(method) || Request.CANCEL.equals(method)
                || Request.ACK.equals(method) || Request.OPTIONS.equals(method) || Request.INFO.equals(method);
    }
}
