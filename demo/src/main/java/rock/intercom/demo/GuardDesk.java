package rock.intercom.demo;

import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.demo.GuardDeskCall.Phase;
import rock.intercom.media.ParseResult;
import rock.intercom.media.codec.Codec;
import rock.intercom.media.sdp.SdpParser;
import rock.intercom.media.sdp.SessionDescription;

/**
 * The built-in guard desk extension. Called, it rings (180), answers after the ring delay (200 with
 * an SDP answer) and plays a tone over RTP until either side hangs up (RFC 3261 §13.3, §15); a
 * CANCEL before the answer gets 200 and the INVITE 487 (§9.2). Calling a device, it sends an
 * INVITE with an offer, ACKs the 200 and plays the tone the same way. At most {@value #MAX_CALLS}
 * calls at once; more get 486. Used on the PBX's event thread only.
 */
final class GuardDesk {
    static final int MAX_CALLS = 16;
    private static final Logger LOG = LoggerFactory.getLogger(GuardDesk.class);

    private final PbxSignalling sip;
    private final ScheduledExecutorService loop;
    private final DemoPbxOptions options;
    private final InetAddress localAddress;
    private final Map<String, GuardDeskCall> calls = new LinkedHashMap<>();

    GuardDesk(PbxSignalling sip, ScheduledExecutorService loop, DemoPbxOptions options, InetAddress localAddress) {
        this.sip = sip;
        this.loop = loop;
        this.options = options;
        this.localAddress = localAddress;
    }

    /** A new, authenticated INVITE to the guard desk with its parsed SDP offer. */
    void onOffer(ServerTransaction st, Request invite, SessionDescription offer) {
        if (calls.size() >= MAX_CALLS) {
            sip.send(st, sip.response(invite, Response.BUSY_HERE, "Guard desk busy", null));
            return;
        }
        RtpToneSender tone;
        try {
            tone = new RtpToneSender(localAddress);
        } catch (SocketException e) {
            LOG.warn("Demo PBX has no RTP socket: {}", e.toString());
            sip.send(st, sip.response(invite, Response.SERVER_INTERNAL_ERROR, "No RTP port", null));
            return;
        }
        long sessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        AnswerDecision decision = GuardDeskAnswerer.answer(offer, sip.host, tone.localPort(), sessionId, 1);
        if (decision instanceof AnswerDecision.Refused refused) {
            tone.close();
            sip.send(st, sip.response(invite, refused.status(), refused.reason(), null));
            return;
        }
        AnswerDecision.Accepted accepted = (AnswerDecision.Accepted) decision;
        CallLeg.Incoming leg = new CallLeg.Incoming(st, invite, PbxSignalling.newTag());
        GuardDeskCall call = new GuardDeskCall(callIdOf(invite), leg, tone, sessionId);
        call.localSdp = accepted.answerSdp();
        call.target = accepted.target();
        calls.put(call.callId, call);
        sip.send(st, sip.response(invite, Response.TRYING));
        Response ringing = sip.response(invite, Response.RINGING, null, leg.toTag());
        ringing.setHeader(contact(PbxSignalling.transportOf(invite)));
        sip.send(st, ringing);
        call.answerTimer = loop.schedule(() -> answer(call), options.ringDelay().toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Demo PBX guard desk ringing for {}", ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress());
    }

    private void answer(GuardDeskCall call) {
        if (call.phase != Phase.RINGING || !(call.leg instanceof CallLeg.Incoming in)) {
            return;
        }
        Response ok = sip.response(in.invite(), Response.OK, null, in.toTag());
        ok.setHeader(contact(PbxSignalling.transportOf(in.invite())));
        setSdp(ok, call.localSdp);
        sip.send(in.transaction(), ok);
        call.dialog = in.transaction().getDialog();
        call.phase = Phase.ANSWERED;
        startTone(call);
        LOG.info("Demo PBX guard desk answered in {}", call.target.codec());
    }

    /**
     * Calls {@code device} at its registered {@code contactUri} from the guard desk.
     *
     * @throws IllegalStateException when the INVITE cannot be built or sent
     */
    void callDevice(String device, String contactUri) {
        if (calls.size() >= MAX_CALLS) {
            throw new IllegalStateException("guard desk busy: " + MAX_CALLS + " calls");
        }
        RtpToneSender tone;
        try {
            tone = new RtpToneSender(localAddress);
        } catch (SocketException e) {
            throw new IllegalStateException("no RTP port for the call", e);
        }
        long sessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        String offer = OutgoingCallMedia.offer(sip.host, tone.localPort(), sessionId);
        try {
            SipURI target = (SipURI) sip.addresses.createURI(contactUri);
            String transport = target.getTransportParam() == null ? "udp" : target.getTransportParam().toLowerCase();
            CallIdHeader callId = sip.provider.getNewCallId();
            SipURI fromUri = sip.addresses.createSipURI(options.guardDeskExtension(), sip.host);
            FromHeader from = sip.headers.createFromHeader(sip.addresses.createAddress("Guard desk", fromUri),
                PbxSignalling.newTag());
            ToHeader to = sip.headers.createToHeader(
                sip.addresses.createAddress(sip.addresses.createSipURI(device, sip.host)), null);
            ViaHeader via = sip.headers.createViaHeader(sip.host, sip.port, transport, null);
            Request invite = sip.messages.createRequest(target, Request.INVITE, callId,
                sip.headers.createCSeqHeader(1L, Request.INVITE), from, to, List.of(via),
                sip.headers.createMaxForwardsHeader(70), sip.headers.createContentTypeHeader("application", "sdp"),
                offer.getBytes(StandardCharsets.UTF_8));
            invite.setHeader(contact(transport));
            ClientTransaction ct = sip.provider.getNewClientTransaction(invite);
            GuardDeskCall call = new GuardDeskCall(callId.getCallId(), new CallLeg.Outgoing(ct, device), tone,
                sessionId);
            call.localSdp = offer;
            calls.put(call.callId, call);
            ct.sendRequest();
            LOG.info("Demo PBX guard desk calling {} at {}", device, contactUri);
        } catch (ParseException | InvalidArgumentException | SipException | ClassCastException e) {
            tone.close();
            throw new IllegalStateException("cannot call " + device + " at " + contactUri + ": " + e.getMessage(), e);
        }
    }

    /** A response to a request the guard desk sent: its INVITEs' progress; BYE answers need nothing. */
    void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        GuardDeskCall call = calls.get(callIdOf(response));
        if (call == null || cseq == null || !Request.INVITE.equals(cseq.getMethod())
            || !(call.leg instanceof CallLeg.Outgoing out)) {
            return;
        }
        int status = response.getStatusCode();
        if (status < 200) {
            return;
        }
        if (status >= 300) {
            end(call, out.device() + " refused with " + status); // the stack ACKs non-2xx itself
            return;
        }
        Dialog dialog = event.getDialog();
        if (dialog == null) {
            return;
        }
        try {
            dialog.sendAck(dialog.createAck(cseq.getSeqNumber()));
        } catch (SipException | InvalidArgumentException e) {
            LOG.warn("Demo PBX could not ACK {}: {}", out.device(), e.toString());
        }
        if (call.phase != Phase.RINGING) {
            return; // a retransmitted 200: ACKed again, nothing else changes
        }
        call.dialog = dialog;
        Optional<ToneTarget> target = answerOf(response);
        if (target.isEmpty()) {
            LOG.warn("Demo PBX: {} answered without G.711 audio; hanging up", out.device());
            sendBye(call);
            end(call, "no common codec");
            return;
        }
        call.target = target.get();
        call.phase = Phase.CONNECTED;
        startTone(call);
        LOG.info("Demo PBX: {} answered the guard desk in {}", out.device(), call.target.codec());
    }

    /** The stack gave up on a request (no answer at all): forget the call. */
    void onTimeout(String callId) {
        GuardDeskCall call = calls.get(callId);
        if (call != null && call.phase == Phase.RINGING && call.leg instanceof CallLeg.Outgoing) {
            end(call, "no answer");
        }
    }

    private static Optional<ToneTarget> answerOf(Response response) {
        byte[] body = response.getRawContent();
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        ParseResult<SessionDescription> sdp = SdpParser.parse(new String(body, StandardCharsets.UTF_8));
        return sdp instanceof ParseResult.Parsed<SessionDescription> p
            ? OutgoingCallMedia.readAnswer(p.value()) : Optional.empty();
    }

    private void startTone(GuardDeskCall call) {
        if (call.toneTask != null) {
            call.toneTask.cancel(false);
            call.toneTask = null;
        }
        ToneTarget t = call.target;
        call.tone.aim(t.codec(), options.toneHz(), t.host(), t.port());
        if (t.send()) {
            call.toneTask = loop.scheduleAtFixedRate(call.tone::sendFrame, 0, Codec.PTIME_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** An INVITE inside an existing dialog (hold, codec change): answer it anew on the same port. */
    void onReInvite(ServerTransaction st, Request invite, SessionDescription offer) {
        GuardDeskCall call = calls.get(callIdOf(invite));
        if (call == null || !call.established()) {
            sip.send(st, sip.response(invite, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST));
            return;
        }
        AnswerDecision decision = GuardDeskAnswerer.answer(offer, sip.host, call.tone.localPort(),
            call.sdpSessionId, call.sdpVersion + 1);
        if (decision instanceof AnswerDecision.Refused refused) {
            sip.send(st, sip.response(invite, refused.status(), refused.reason(), null));
            return;
        }
        AnswerDecision.Accepted accepted = (AnswerDecision.Accepted) decision;
        call.sdpVersion++;
        call.localSdp = accepted.answerSdp();
        call.target = accepted.target();
        Response ok = sip.response(invite, Response.OK);
        ok.setHeader(contact(PbxSignalling.transportOf(invite)));
        setSdp(ok, call.localSdp);
        sip.send(st, ok);
        startTone(call);
    }

    void onAck(RequestEvent event) {
        GuardDeskCall call = calls.get(callIdOf(event.getRequest()));
        if (call != null && call.phase == Phase.ANSWERED) {
            call.phase = Phase.CONNECTED;
        }
    }

    void onBye(RequestEvent event) {
        GuardDeskCall call = calls.get(callIdOf(event.getRequest()));
        if (call == null) {
            sip.reply(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        sip.reply(event, Response.OK);
        end(call, "the other side hung up");
    }

    void onCancel(RequestEvent event) {
        GuardDeskCall call = calls.get(callIdOf(event.getRequest()));
        if (call == null || !(call.leg instanceof CallLeg.Incoming in)) {
            sip.reply(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        sip.reply(event, Response.OK);
        if (call.phase == Phase.RINGING) {
            sip.send(in.transaction(), sip.response(in.invite(), Response.REQUEST_TERMINATED, null, in.toTag()));
            end(call, "caller cancelled");
        }
    }

    /** The stack gave up on a dialog (e.g. no ACK): drop its call without signalling. */
    void onDialogTerminated(String callId) {
        GuardDeskCall call = calls.get(callId);
        if (call != null) {
            end(call, "dialog terminated");
        }
    }

    /**
     * Hangs up every call from the guard desk side: BYE when established; while ringing, 603 to an
     * incoming call and CANCEL for an outgoing one.
     */
    void hangUpAll() {
        for (GuardDeskCall call : new ArrayList<>(calls.values())) {
            if (call.established()) {
                sendBye(call);
            } else if (call.phase == Phase.RINGING) {
                if (call.leg instanceof CallLeg.Incoming in) {
                    sip.send(in.transaction(), sip.response(in.invite(), Response.DECLINE, null, in.toTag()));
                } else if (call.leg instanceof CallLeg.Outgoing out) {
                    sendCancel(out);
                }
            }
            end(call, "guard desk hung up");
        }
    }

    int callsInProgress() {
        return calls.size();
    }

    int establishedCalls() {
        return (int) calls.values().stream().filter(GuardDeskCall::established).count();
    }

    /** Releases every call's resources without signalling (PBX shutdown). */
    void releaseAll() {
        for (GuardDeskCall call : new ArrayList<>(calls.values())) {
            end(call, "PBX stopped");
        }
    }

    private void sendBye(GuardDeskCall call) {
        if (call.dialog == null) {
            return;
        }
        try {
            Request bye = call.dialog.createRequest(Request.BYE);
            ClientTransaction ct = sip.provider.getNewClientTransaction(bye);
            call.dialog.sendRequest(ct);
        } catch (SipException | RuntimeException e) {
            LOG.warn("Demo PBX could not send BYE: {}", e.toString());
        }
    }

    private void sendCancel(CallLeg.Outgoing out) {
        try {
            sip.provider.getNewClientTransaction(out.transaction().createCancel()).sendRequest();
        } catch (SipException | RuntimeException e) {
            LOG.warn("Demo PBX could not cancel the call to {}: {}", out.device(), e.toString());
        }
    }

    private void end(GuardDeskCall call, String why) {
        call.phase = Phase.ENDED;
        if (call.answerTimer != null) {
            call.answerTimer.cancel(false);
        }
        if (call.toneTask != null) {
            call.toneTask.cancel(false);
        }
        call.tone.close();
        calls.remove(call.callId);
        LOG.info("Demo PBX guard desk call ended: {}", why);
    }

    private ContactHeader contact(String transport) {
        try {
            SipURI uri = sip.addresses.createSipURI(options.guardDeskExtension(), sip.host);
            uri.setPort(sip.port);
            if (transport.equalsIgnoreCase("tcp")) {
                uri.setTransportParam("tcp");
            }
            return sip.headers.createContactHeader(sip.addresses.createAddress(uri));
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build the guard desk Contact", e);
        }
    }

    private void setSdp(Response response, String sdp) {
        try {
            response.setContent(sdp, sip.headers.createContentTypeHeader("application", "sdp"));
        } catch (ParseException e) {
            throw new IllegalStateException("cannot attach the SDP answer", e);
        }
    }

    static String callIdOf(Message message) {
        return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
    }
}
