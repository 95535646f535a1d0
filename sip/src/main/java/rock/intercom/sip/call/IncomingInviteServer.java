package rock.intercom.sip.call;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.stack.SIPTransaction;
import java.text.ParseException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.message.Request;
import javax.sip.message.Response;
import rock.intercom.call.CallInput;
import rock.intercom.call.InviteSource;

/**
 * Takes a new INVITE (no To tag): 100 Trying at once (RFC 3261 §8.2.6.1), then the facts the call
 * driver decides on, posted as {@link CallInput.IncomingInvite}. Only what makes the request
 * unusable is refused here: no From (400), a body that is not SDP (415, §21.4.13), the same
 * Call-ID already in use (482, §8.2.2.2), too many calls (503). Who may call is the driver's
 * decision (IncomingCallPolicy), including the one answer every stranger gets.
 */
final class IncomingInviteServer extends CallOperation {

    private static final String ASSERTED_IDENTITY = "P-Asserted-Identity";

    IncomingInviteServer(CallContext context) {
        super(context);
    }

    void onInvite(RequestEvent event) {
        Request request = event.getRequest();
        ServerTransaction transaction = ServerTransactions.of(context, event);
        if (transaction == null) {
            return;
        }
        String callId = Messages.callId(request);
        String toTag = Messages.newTag();
        try {
            transaction.sendResponse(Messages.response(context, request, Response.TRYING, null, null));
            FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
            if (from == null || from.getAddress() == null) {
                refuse(transaction, Response.BAD_REQUEST, "Missing From", toTag);
                return;
            }
            if (Messages.hasBody(request) && !Messages.isSdp(request)) {
                refuse(transaction, Response.UNSUPPORTED_MEDIA_TYPE, null, toTag);
                return;
            }
            if (context.legs().knows(callId)) {
                refuse(transaction, Response.LOOP_DETECTED, null, toTag);
                return;
            }
            if (context.legs().full()) {
                refuse(transaction, Response.SERVICE_UNAVAILABLE, null, toTag);
                return;
            }
            context.legs().add(new IncomingLeg(callId, transaction, Messages.sdpBody(request), toTag));
            context.inputs().post(new CallInput.IncomingInvite(callId, from.getAddress().toString(),
                    assertedIdentity(request), source(request, transaction), targetUser(request)));
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            log.warn(rock.intercom.sip.BadPacketLog.oneLine("incoming INVITE " + callId + " could not be taken: " + e));
            context.legs().remove(callId);
            refuse(transaction, Response.SERVER_INTERNAL_ERROR, null, toTag);
        }
    }

    private void refuse(ServerTransaction transaction, int status, String reason, String toTag) {
        try {
            transaction.sendResponse(Messages.response(context, transaction.getRequest(), status, reason, toTag));
            StatelessRefusals.release(transaction);
            StatelessRefusals.log(transaction.getRequest(), status);
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            log.warn("could not refuse incoming INVITE: {}", e.toString());
        }
    }

    private InviteSource source(Request request, ServerTransaction transaction) {
        java.net.InetSocketAddress from = Messages.source(request);
        String host = from.isUnresolved() ? "" : from.getAddress().getHostAddress();
        int port = from.getPort();
        return new InviteSource(host, port, context.stack().isServerSource(host, port, arrivedOver(transaction)));
    }

    /**
     * The transport the request really came over. The Via's is what the sender wrote: a UDP packet
     * claiming TCP would have its source port ignored, so without the channel's answer this is UDP,
     * where the port must match too.
     */
    private static String arrivedOver(ServerTransaction transaction) {
        String transport = transaction instanceof SIPTransaction sip ? sip.getTransport() : null;
        return transport == null ? "UDP" : transport;
    }

    private static String assertedIdentity(Request request) {
        Header header = request.getHeader(ASSERTED_IDENTITY);
        if (header instanceof SIPHeader sipHeader) {
            return sipHeader.getHeaderValue().trim();
        }
        return null;
    }

    private static String targetUser(Request request) {
        return request.getRequestURI() instanceof SipURI uri ? uri.getUser() : null;
    }
}
