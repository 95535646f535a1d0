package rock.intercom.sip;

import gov.nist.javax.sip.SipProviderImpl;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.header.RetryAfter;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import gov.nist.javax.sip.stack.SIPTransaction;
import java.io.IOException;
import java.text.ParseException;
import java.util.Iterator;
import java.util.Objects;
import java.util.UUID;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.SipStack;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request that reuses a live server transaction's branch from another sent-by, which
 * JAIN-SIP would otherwise swallow as a retransmission of that transaction. RFC 3261 §17.2.3 makes
 * it a new transaction, but the stack keys server transactions by branch alone and cannot hold
 * both, so it is answered here, statelessly (§8.2.7): 482 when it is a merged request (§8.2.2.2:
 * same From tag, Call-ID and CSeq as the live one), otherwise 500 with Retry-After, so its sender
 * tries again with a fresh branch. Everything else passes untouched. Put on a stack with
 * {@link #install}. Called on the stack's message threads; holds no state but the stack.
 */
public final class BranchCollisionValve implements SIPMessageValve {

    /** Seconds a sender whose branch collided waits before it tries again (RFC 3261 §20.33). */
    public static final int RETRY_AFTER_SECONDS = 1;

    private static final Logger LOG = LoggerFactory.getLogger(BranchCollisionValve.class);

    private volatile SipStackImpl stack;

    /**
     * Puts a valve in front of a new stack's request handling, before it listens. Not through
     * {@code gov.nist.javax.sip.SIP_MESSAGE_VALVE}: for each valve named there JAIN-SIP sleeps
     * 100 ms in the stack's constructor, which delayed every device's first REGISTER.
     */
    public static void install(SipStack sipStack) {
        java.util.List<SIPMessageValve> valves = ((SipStackImpl) sipStack).sipMessageValves;
        if (valves.stream().anyMatch(BranchCollisionValve.class::isInstance)) {
            return; // JAIN-SIP's factory hands out a stack again under its name
        }
        BranchCollisionValve valve = new BranchCollisionValve();
        valve.init(sipStack);
        valves.add(valve);
    }

    @Override
    public void init(SipStack sipStack) {
        stack = (SipStackImpl) sipStack;
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        SipStackImpl now = stack;
        String branch = request.getTopmostVia() == null ? null : request.getTopmostVia().getBranch();
        // ACKs are never answered, and only RFC 3261 branches promise uniqueness (§8.1.1.7).
        if (now == null || Request.ACK.equals(request.getMethod()) || branch == null
                || !branch.regionMatches(true, 0, "z9hG4bK", 0, 7)) {
            return true;
        }
        SIPTransaction live = now.findTransaction(request, true);
        if (!(live instanceof SIPServerTransaction server) || server.isMessagePartOfTransaction(request)) {
            return true;
        }
        answer(now, request, channel, merged(request, server.getOriginalRequest()));
        return false;
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        return true;
    }

    /** Keeps the stack: JAIN-SIP's factory hands a stopped stack out again under its name. */
    @Override
    public void destroy() {
        // Nothing to release.
    }

    private static void answer(SipStackImpl stack, SIPRequest request, MessageChannel channel, boolean merged) {
        int status = merged ? Response.LOOP_DETECTED : Response.SERVER_INTERNAL_ERROR;
        try {
            SIPResponse response = request.createResponse(status);
            response.getTo().setTag(UUID.randomUUID().toString().replace("-", "").substring(0, 16));
            if (!merged) {
                RetryAfter retryAfter = new RetryAfter();
                retryAfter.setRetryAfter(RETRY_AFTER_SECONDS);
                response.setHeader(retryAfter);
            }
            send(stack, response, channel);
            // Bounded: a sender can repeat a live branch as often as it likes.
            BadPacketLog.refusals().report(request.getMethod() + " from " + channel.getPeerAddress() + ":"
                    + channel.getPeerPort(), (request.getCallId() == null ? "" : request.getCallId().getCallId())
                    + " reuses the branch of a live transaction from another sender; answered " + status);
        } catch (ParseException | InvalidArgumentException | SipException | IOException | RuntimeException e) {
            LOG.warn("{} with a colliding branch not answered: {}", request.getMethod(), e.toString());
        }
    }

    /**
     * Over TCP and TLS on the request's own connection; over UDP by the provider, which sends to
     * the Via's received address and sent-by port (RFC 3261 §18.2.2).
     */
    private static void send(SipStackImpl stack, SIPResponse response, MessageChannel channel)
            throws SipException, IOException {
        if (channel.isReliable()) {
            channel.sendMessage(response);
            return;
        }
        Iterator<?> providers = stack.getSipProviders();
        if (providers.hasNext() && providers.next() instanceof SipProviderImpl provider) {
            provider.sendResponse(response);
        } else {
            channel.sendMessage(response);
        }
    }

    private static boolean merged(SIPRequest request, SIPRequest live) {
        return live != null && request.getToTag() == null && request.getCallId() != null && live.getCallId() != null
                && live.getCallId().getCallId().equals(request.getCallId().getCallId())
                && Objects.equals(live.getFromTag(), request.getFromTag())
                && request.getCSeq() != null && live.getCSeq() != null
                && live.getCSeq().getSeqNumber() == request.getCSeq().getSeqNumber()
                && live.getCSeq().getMethod().equals(request.getCSeq().getMethod());
    }
}
