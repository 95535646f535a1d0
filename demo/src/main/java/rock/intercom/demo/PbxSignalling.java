package rock.intercom.demo;

import java.text.ParseException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo PBX's handle on the JAIN-SIP stack: factories, the provider, and how replies are built
 * and sent (statefully when a server transaction can be had, else statelessly). Used on the PBX's
 * event thread only.
 */
final class PbxSignalling {
    private static final Logger LOG = LoggerFactory.getLogger(PbxSignalling.class);
    static final String SERVER = "RockIntercom-DemoPBX/0.1";
    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, INFO";

    final SipProvider provider;
    final MessageFactory messages;
    final HeaderFactory headers;
    final AddressFactory addresses;
    final String host;
    final int port;

    PbxSignalling(SipProvider provider, MessageFactory messages, HeaderFactory headers, AddressFactory addresses,
                  String host, int port) {
        this.provider = provider;
        this.messages = messages;
        this.headers = headers;
        this.addresses = addresses;
        this.host = host;
        this.port = port;
    }

    /**
     * The request's server transaction, created if the stack has none yet; null for a
     * retransmission the stack already answers, which the caller must then ignore.
     */
    ServerTransaction transaction(RequestEvent event) {
        ServerTransaction st = event.getServerTransaction();
        if (st != null) {
            return st;
        }
        try {
            return provider.getNewServerTransaction(event.getRequest());
        } catch (TransactionAlreadyExistsException e) {
            return null;
        } catch (SipException e) {
            LOG.debug("no server transaction for {}: {}", event.getRequest().getMethod(), e.toString());
            return null;
        }
    }

    /** A response with the Server header and, for final responses, a To tag (RFC 3261 §8.2.6.2). */
    Response response(Request request, int status, String reason, String toTag) {
        try {
            Response response = messages.createResponse(status, request);
            if (reason != null) {
                response.setReasonPhrase(reason);
            }
            response.setHeader(headers.createServerHeader(List.of(SERVER)));
            ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
            if (status > 100 && to != null && to.getTag() == null) {
                to.setTag(toTag != null ? toTag : newTag());
            }
            return response;
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build a " + status + " response", e);
        }
    }

    Response response(Request request, int status) {
        return response(request, status, null, null);
    }

    /** Sends on the transaction; a null transaction means stateless sending. Failures are logged. */
    void send(ServerTransaction st, Response response) {
        try {
            if (st != null) {
                st.sendResponse(response);
            } else {
                provider.sendResponse(response);
            }
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            LOG.debug("could not send {}: {}", response.getStatusCode(), e.toString());
        }
    }

    /**
     * Replies {@code status} on the request's transaction, created if needed; statelessly when the
     * stack refuses a transaction; not at all for a retransmission (its transaction answers it).
     */
    void reply(RequestEvent event, int status, String reason) {
        ServerTransaction st = event.getServerTransaction();
        if (st == null) {
            try {
                st = provider.getNewServerTransaction(event.getRequest());
            } catch (TransactionAlreadyExistsException e) {
                return;
            } catch (SipException e) {
                st = null;
            }
        }
        send(st, response(event.getRequest(), status, reason, null));
    }

    /** Same as {@link #reply(RequestEvent, int, String)} with the standard reason phrase. */
    void reply(RequestEvent event, int status) {
        reply(event, status, null);
    }

    /** The transport the request came in on ("udp" or "tcp"). */
    static String transportOf(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return via == null || via.getTransport() == null ? "udp" : via.getTransport().toLowerCase();
    }

    static String newTag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }
}
