package rock.intercom.sip.call;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ListeningPoint;
import javax.sip.ResponseEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import rock.intercom.call.CallCommand.SendInvite;
import rock.intercom.call.CallInput;
import rock.intercom.call.media.AgreedMedia;
import rock.intercom.call.media.MediaProblem;
import rock.intercom.call.media.RemoteAnswer;
import rock.intercom.call.media.SdpOffer;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.sip.call.OutgoingLeg.Phase;

/**
 * Sends our INVITE for a {@link SendInvite} and turns its responses into call inputs: 1xx →
 * Provisional (with the early media its SDP agreed), 2xx → Answered once its SDP answer is applied (the input carries the agreed media; the ACK waits for SendAck), 401/407 → answered once per nonce then
 * Rejected, other finals → Rejected with status and reason (RFC 3261 §13.2.2). A held CANCEL goes
 * out with the first provisional (§9.1). An offer refused with 488/415/606 is sent once more with
 * the media side's other offer ({@link OfferRetry}): a new INVITE transaction (next CSeq, new
 * branch, same Call-ID and From tag, §8.1.3.5 and §14.1) inside the same attempt, so the call
 * logic sees only its final outcome.
 */
final class InviteClient extends CallOperation {

    /** RFC 3261 §17.1.1.1: T1, the RTT estimate, 500 ms by default. */
    static final int RFC_T1_MILLIS = 500;

    private final CancelSender cancels;
    private final int t1Millis;

    InviteClient(CallContext context, CancelSender cancels, int t1Millis) {
        super(context);
        this.cancels = cancels;
        this.t1Millis = t1Millis;
    }

    void send(SendInvite command) {
        String callId = command.callId();
        if (context.legs().knows(callId)) {
            log.warn("INVITE for Call-ID {} already sent; ignored", callId);
            return;
        }
        CallRoute route;
        try {
            route = CallRoute.from(context.stack().settings());
        } catch (CallRoute.UnusableSettings e) {
            context.inputs().post(new CallInput.TransportFailed(callId, e.getMessage()));
            return;
        }
        SdpOffer offered = context.media().offer(callId);
        if (offered instanceof MediaProblem problem) {
            // The media side logged why; no INVITE leaves.
            context.inputs().post(new CallInput.TransportFailed(callId, problem.reason()));
            return;
        }
        String offer = ((SdpOffer.Offer) offered).sdp();
        ClientTransaction transaction;
        try {
            Request invite = build(route, command, offer);
            transaction = context.stack().provider().getNewClientTransaction(invite);
            transaction.setRetransmitTimer(t1Millis);
            Dialogs.of(context.stack().provider(), transaction);
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            log.warn("cannot build INVITE to {}: {}", command.number(), e.toString());
            context.inputs().post(new CallInput.TransportFailed(callId, "cannot build INVITE: " + e.getMessage()));
            return;
        }
        OutgoingLeg leg = new OutgoingLeg(callId, route.nextHop(), transaction, offer);
        context.legs().add(leg);
        try {
            transaction.sendRequest();
            log.info("INVITE {} to {} via {}", callId, command.number(), route.nextHop());
        } catch (SipException e) {
            fail(leg, "cannot reach " + route.nextHop() + ": " + rootMessage(e));
        }
    }

    /**
     * Builds and encodes the INVITE {@link #send} would to the Call Number with {@code offer},
     * under a made-up Call-ID, and drops it: no transaction, no dialog, nothing on the wire. See
     * {@link CallDialogs#rehearseInvite}. Safe on any thread: it reads only settings and factories.
     */
    int rehearse(String offer) throws CallRoute.UnusableSettings, ParseException, SipException, InvalidArgumentException {
        DeviceSettings settings = context.stack().settings();
        CallRoute route = CallRoute.from(settings);
        SendInvite press = new SendInvite("rehearsal-" + Messages.newTag(), settings.sip().callNumber(), 1, 1);
        return build(route, press, offer).toString().length();
    }

    private Request build(CallRoute route, SendInvite command, String offer)
            throws ParseException, SipException, InvalidArgumentException {
        AddressFactory addresses = context.stack().addressFactory();
        HeaderFactory headers = context.stack().headerFactory();
        SipProvider provider = context.stack().provider();
        ListeningPoint point = provider.getListeningPoint(route.transport().name());
        if (point == null) {
            throw new SipException("no " + route.transport() + " listening point");
        }
        Request invite = context.stack().messageFactory().createRequest(
                route.requestUri(addresses, command.number()), Request.INVITE,
                headers.createCallIdHeader(command.callId()),
                headers.createCSeqHeader(1L, Request.INVITE),
                headers.createFromHeader(route.from(addresses), Messages.newTag()),
                headers.createToHeader(route.to(addresses, command.number()), null),
                List.of(headers.createViaHeader(point.getIPAddress(), point.getPort(), point.getTransport(),
                        null)),
                headers.createMaxForwardsHeader(70));
        invite.addHeader(context.stack().contact());
        Address proxy = route.proxyRoute(addresses);
        if (proxy != null) {
            invite.addHeader(headers.createRouteHeader(proxy));
        }
        invite.addHeader(headers.createAllowHeader(Messages.ALLOW));
        Messages.setSdp(invite, headers, offer);
        return invite;
    }

    /** A response to one of our INVITEs. */
    void onResponse(OutgoingLeg leg, ResponseEvent event) {
        Response response = event.getResponse();
        int status = response.getStatusCode();
        ClientTransaction transaction = event.getClientTransaction();
        if (status >= 200 && status < 300) {
            onSuccess(leg, event);
            return;
        }
        if (transaction != leg.invite()) {
            log.debug("response {} to an earlier INVITE of {}; ignored", status, leg.callId());
            return;
        }
        if (status < 200) {
            if (!leg.answered()) {
                onProvisional(leg, response);
            }
        } else if (status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED) {
            onChallenge(leg, response);
        } else if (OfferRetry.applies(status, leg.phase(), leg.offersRetried()) && retryOffer(leg, status)) {
            return;
        } else {
            context.legs().end(leg);
            context.inputs().post(new CallInput.Rejected(leg.callId(), status, response.getReasonPhrase()));
        }
    }

    /**
     * Posts the provisional, except a 100 that arrives after a ringing response: over UDP the
     * stack may hand them over out of order, and 100 Trying after 180 would read as a step back.
     * A provisional with SDP is applied as the answer first (RFC 3960 §3.1, gateway model: early
     * media), so the input carries what it agreed; the 2xx must repeat that answer (RFC 3261
     * §13.2.1), and the media side keeps the agreement when it does.
     */
    private void onProvisional(OutgoingLeg leg, Response response) {
        int status = response.getStatusCode();
        Phase phase = leg.phase();
        if (phase == Phase.CANCEL_HELD) {
            cancels.sendNow(leg);
        } else if (phase == Phase.RINGING && status == Response.TRYING) {
            return;
        } else if (phase == Phase.CALLING || phase == Phase.PROCEEDING) {
            leg.phase(status == Response.TRYING ? Phase.PROCEEDING : Phase.RINGING);
        } else if (phase == Phase.CANCELLED && status == Response.TRYING) {
            return;
        }
        if (leg.offersRetried() > 0 && status == Response.TRYING) {
            return; // the call logic saw the first INVITE's 100; the retry is no news to it
        }
        context.inputs().post(new CallInput.Provisional(leg.callId(), status, earlyMedia(leg, response)));
    }

    /** What the provisional's SDP agreed, or null without SDP, once cancelled, or when it is unusable. */
    private AgreedMedia earlyMedia(OutgoingLeg leg, Response provisional) {
        String sdp = provisional.getStatusCode() > Response.TRYING ? Messages.sdpBody(provisional) : null;
        if (sdp == null || leg.phase() == Phase.CANCEL_HELD || leg.phase() == Phase.CANCELLED) {
            return null;
        }
        RemoteAnswer applied = context.media().accepted(leg.callId(), sdp);
        if (applied instanceof RemoteAnswer.Usable usable) {
            return usable.media();
        }
        log.info("call {}: early media in {} not usable: {}", leg.callId(), provisional.getStatusCode(),
                ((MediaProblem) applied).reason());
        return null;
    }

    private void onSuccess(OutgoingLeg leg, ResponseEvent event) {
        if (leg.answered()) {
            if (leg.ack() != null && event.getDialog() != null) {
                resendAck(leg);
            }
            return;
        }
        Response response = event.getResponse();
        Dialog dialog = event.getDialog() != null ? event.getDialog() : leg.invite().getDialog();
        leg.answeredOn(dialog, ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber());
        // The answer is applied first, so Answered carries what it agreed and media can start at once.
        String answer = Messages.sdpBody(response);
        RemoteAnswer applied = answer == null
                ? new MediaProblem("2xx without SDP answer")
                : context.media().accepted(leg.callId(), answer);
        AgreedMedia media = applied instanceof RemoteAnswer.Usable usable ? usable.media() : null;
        context.inputs().post(new CallInput.Answered(leg.callId(), media));
        if (applied instanceof MediaProblem problem) {
            context.inputs().post(new CallInput.MediaFailed(leg.callId(), problem.reason()));
        }
    }

    /** RFC 3261 §13.2.2.4: a retransmitted 2xx gets the same ACK again. */
    private void resendAck(OutgoingLeg leg) {
        try {
            leg.dialog().sendAck(leg.ack());
        } catch (SipException e) {
            log.debug("ACK resend for {} failed: {}", leg.callId(), e.toString());
        }
    }

    /**
     * RFC 3261 §22.2: answer a challenge once; another challenge means the credentials are wrong
     * (unless it says stale=true with a new nonce, RFC 2617 §3.2.1), and a nonce is never answered twice.
     */
    private void onChallenge(OutgoingLeg leg, Response challenge) {
        int status = challenge.getStatusCode();
        if (leg.phase() == Phase.CANCEL_HELD || leg.phase() == Phase.CANCELLED) {
            context.legs().end(leg);
            context.inputs().post(new CallInput.Rejected(leg.callId(), status, challenge.getReasonPhrase()));
            return;
        }
        boolean fresh = false;
        for (String nonce : nonces(challenge)) {
            fresh |= leg.firstAnswerTo(nonce);
        }
        // A second challenge means the credentials were refused, unless it only renews a stale nonce.
        fresh &= leg.challengesAnswered() == 0 || (isStale(challenge) && leg.challengesAnswered() < 3);
        Optional<ClientTransaction> retry = Optional.empty();
        String why = challenge.getReasonPhrase();
        if (fresh) {
            try {
                retry = context.stack().challenges().answer(leg.invite(), challenge);
            } catch (SipException | RuntimeException e) {
                why = challenge.getReasonPhrase() + " (" + e.getMessage() + ")";
            }
        }
        if (retry.isEmpty()) {
            context.legs().end(leg);
            context.inputs().post(new CallInput.Rejected(leg.callId(), status, why));
            return;
        }
        try {
            retry.get().setRetransmitTimer(t1Millis);
            Dialogs.of(context.stack().provider(), retry.get());
            leg.retriedWith(retry.get());
            leg.challengeAnswered();
            retry.get().sendRequest();
            log.info("INVITE {} answered a {} challenge", leg.callId(), status);
        } catch (SipException e) {
            fail(leg, "cannot reach " + leg.nextHop() + ": " + rootMessage(e));
        }
    }

    /**
     * Sends the INVITE again with the media side's other offer; false (the refusal stands) when
     * there is none or the retry cannot be built. Once it has left, a failure to reach the next
     * hop ends the attempt like any transport failure.
     */
    private boolean retryOffer(OutgoingLeg leg, int status) {
        Optional<String> offer = context.media().retryOffer(leg.callId(), status);
        if (offer.isEmpty()) {
            return false;
        }
        ClientTransaction retry;
        try {
            Request invite = (Request) leg.invite().getRequest().clone();
            CSeqHeader cseq = (CSeqHeader) invite.getHeader(CSeqHeader.NAME);
            cseq.setSeqNumber(cseq.getSeqNumber() + 1);
            ((ViaHeader) invite.getHeader(ViaHeader.NAME)).removeParameter("branch");
            Messages.setSdp(invite, context.stack().headerFactory(), offer.get());
            retry = context.stack().provider().getNewClientTransaction(invite);
            retry.setRetransmitTimer(t1Millis);
            Dialogs.of(context.stack().provider(), retry);
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            log.warn("INVITE {} refused with {}; cannot retry with another offer: {}", leg.callId(), status,
                    e.toString());
            return false;
        }
        leg.offerRetriedWith(retry, offer.get());
        try {
            retry.sendRequest();
            log.info("INVITE {} refused with {}; sent again with another offer", leg.callId(), status);
        } catch (SipException e) {
            fail(leg, "cannot reach " + leg.nextHop() + ": " + rootMessage(e));
        }
        return true;
    }

    private static boolean isStale(Response challenge) {
        Object header = challenge.getHeader(challenge.getStatusCode() == Response.UNAUTHORIZED
                ? WWWAuthenticateHeader.NAME : ProxyAuthenticateHeader.NAME);
        return header instanceof WWWAuthenticateHeader www && www.isStale()
                || header instanceof ProxyAuthenticateHeader proxy && proxy.isStale();
    }

    private static List<String> nonces(Response challenge) {
        List<String> nonces = new ArrayList<>();
        String name = challenge.getStatusCode() == Response.UNAUTHORIZED
                ? WWWAuthenticateHeader.NAME : ProxyAuthenticateHeader.NAME;
        ListIterator<?> headers = challenge.getHeaders(name);
        while (headers.hasNext()) {
            Object header = headers.next();
            if (header instanceof WWWAuthenticateHeader www && www.getNonce() != null) {
                nonces.add(www.getNonce());
            } else if (header instanceof ProxyAuthenticateHeader proxy && proxy.getNonce() != null) {
                nonces.add(proxy.getNonce());
            } else if (header instanceof AuthorizationHeader auth && auth.getNonce() != null) {
                nonces.add(auth.getNonce());
            }
        }
        return nonces;
    }

    /** The INVITE transaction timed out (Timer B, RFC 3261 §17.1.1.2). */
    void onTimeout(OutgoingLeg leg, ClientTransaction transaction) {
        if (transaction != leg.invite() || leg.answered()) {
            return;
        }
        context.legs().end(leg);
        context.inputs().post(new CallInput.NoResponse(leg.callId()));
    }

    /** The transport to the next hop failed before a final response. */
    void fail(OutgoingLeg leg, String reason) {
        context.legs().end(leg);
        context.inputs().post(new CallInput.TransportFailed(leg.callId(), reason));
    }

    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
