package rock.intercom.demo;

import java.text.ParseException;
import java.util.concurrent.RejectedExecutionException;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo PBX's JAIN-SIP listener: hands every stack callback to the PBX's single event thread
 * and routes requests by method to their handler. A handler failure is answered with 500 and logged;
 * it never reaches the stack. Callbacks may come from any stack thread.
 */
final class RequestDispatcher implements SipListener {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

    private final PbxParts pbx;
    private final PbxSignalling sip;
    private final RegisterHandler register;
    private final InviteHandler invite;
    private final GuardDesk guardDesk;
    private final DeviceCaller deviceCaller;

    RequestDispatcher(PbxParts pbx, RegisterHandler register, InviteHandler invite, GuardDesk guardDesk,
                      DeviceCaller deviceCaller) {
        this.pbx = pbx;
        this.sip = pbx.sip();
        this.register = register;
        this.invite = invite;
        this.guardDesk = guardDesk;
        this.deviceCaller = deviceCaller;
    }

    @Override
    public void processRequest(RequestEvent event) {
        post(() -> dispatch(event));
    }

    private void dispatch(RequestEvent event) {
        Request request = event.getRequest();
        try {
            switch (request.getMethod()) {
                case Request.REGISTER -> register.onRegister(event);
                case Request.INVITE -> invite.onInvite(event);
                case Request.ACK -> guardDesk.onAck(event);
                case Request.BYE -> guardDesk.onBye(event);
                case Request.CANCEL -> guardDesk.onCancel(event);
                case Request.OPTIONS -> options(event);
                case Request.INFO -> sip.reply(event, Response.OK); // in-dialog DTMF: nothing to do
                default -> notAllowed(event);
            }
        } catch (RuntimeException e) {
            LOG.warn("Demo PBX failed on {}", request.getMethod(), e);
            if (!Request.ACK.equals(request.getMethod())) {
                sip.reply(event, Response.SERVER_INTERNAL_ERROR);
            }
        }
    }

    /** OPTIONS is the devices' keepalive and capability query (RFC 3261 §11.2). */
    private void options(RequestEvent event) {
        Response ok = sip.response(event.getRequest(), Response.OK);
        try {
            ok.setHeader(sip.headers.createAllowHeader(PbxSignalling.ALLOW));
            ok.setHeader(sip.headers.createAcceptHeader("application", "sdp"));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        sendOnTransaction(event, ok);
    }

    /** RFC 3261 §8.2.1: 405 with the methods we do serve. */
    private void notAllowed(RequestEvent event) {
        Response response = sip.response(event.getRequest(), Response.METHOD_NOT_ALLOWED);
        try {
            response.setHeader(sip.headers.createAllowHeader(PbxSignalling.ALLOW));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        sendOnTransaction(event, response);
    }

    private void sendOnTransaction(RequestEvent event, Response response) {
        var st = sip.transaction(event);
        if (st != null) {
            sip.send(st, response);
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        post(() -> {
            try {
                deviceCaller.onResponse(event);
            } catch (RuntimeException e) {
                LOG.warn("Demo PBX failed on a {} response", event.getResponse().getStatusCode(), e);
            }
        });
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (!event.isServerTransaction() && event.getClientTransaction() != null) {
            String callId = CallTable.callIdOf(event.getClientTransaction().getRequest());
            post(() -> deviceCaller.onTimeout(callId));
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.debug("Demo PBX I/O problem with {}:{}", event.getHost(), event.getPort());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // Nothing kept per transaction.
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        post(() -> guardDesk.onDialogTerminated(event.getDialog()));
    }

    private void post(Runnable task) {
        try {
            pbx.loop().execute(task);
        } catch (RejectedExecutionException e) {
            // The PBX is stopping; late callbacks are dropped.
        }
    }
}
