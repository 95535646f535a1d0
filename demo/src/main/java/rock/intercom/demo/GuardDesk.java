package rock.intercom.demo;

import java.net.InetAddress;
import java.net.SocketException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.demo.GuardDeskCall.Phase;
import rock.intercom.media.codec.Codec;
import rock.intercom.media.sdp.SessionDescription;

/**
 * The built-in guard desk extension: rings (180), answers after the ring delay (200 with an SDP
 * answer), plays a tone over RTP until either side hangs up (RFC 3261 §13.3, §15), and honours
 * CANCEL before the answer (§9.2: 200 to the CANCEL, 487 to the INVITE). At most
 * {@value #MAX_CALLS} calls at once; more get 486. Used on the PBX's event thread only.
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
        String callId = callIdOf(invite);
        GuardDeskCall call = new GuardDeskCall(callId, st, invite, PbxSignalling.newTag(), tone,
            (AnswerDecision.Accepted) decision, sessionId);
        calls.put(callId, call);
        sip.send(st, sip.response(invite, Response.TRYING));
        Response ringing = sip.response(invite, Response.RINGING, null, call.toTag);
        addContact(ringing, invite);
        sip.send(st, ringing);
        call.answerTimer = loop.schedule(() -> answer(call), options.ringDelay().toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Demo PBX guard desk ringing for {}",
            ((javax.sip.header.FromHeader) invite.getHeader(javax.sip.header.FromHeader.NAME)).getAddress());
    }

    private void answer(GuardDeskCall call) {
        if (call.phase != Phase.RINGING) {
            return;
        }
        Response ok = sip.response(call.invite, Response.OK, null, call.toTag);
        addContact(ok, call.invite);
        setSdp(ok, call.answer.answerSdp());
        sip.send(call.inviteTransaction, ok);
        call.phase = Phase.ANSWERED;
        startTone(call);
        LOG.info("Demo PBX guard desk answered in {}", call.answer.codec());
    }

    private void startTone(GuardDeskCall call) {
        if (call.toneTask != null) {
            call.toneTask.cancel(false);
            call.toneTask = null;
        }
        AnswerDecision.Accepted a = call.answer;
        call.tone.aim(a.codec(), options.toneHz(), a.remoteHost(), a.remotePort());
        if (a.sendTone()) {
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
        call.sdpVersion++;
        call.answer = (AnswerDecision.Accepted) decision;
        Response ok = sip.response(invite, Response.OK);
        addContact(ok, invite);
        setSdp(ok, call.answer.answerSdp());
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
        end(call, "caller hung up");
    }

    void onCancel(RequestEvent event) {
        GuardDeskCall call = calls.get(callIdOf(event.getRequest()));
        if (call == null) {
            sip.reply(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        sip.reply(event, Response.OK);
        if (call.phase == Phase.RINGING) {
            sip.send(call.inviteTransaction, sip.response(call.invite, Response.REQUEST_TERMINATED, null, call.toTag));
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

    /** Hangs up every call from the guard desk side: BYE when answered, 603 while ringing. */
    void hangUpAll() {
        for (GuardDeskCall call : new ArrayList<>(calls.values())) {
            if (call.phase == Phase.RINGING) {
                sip.send(call.inviteTransaction, sip.response(call.invite, Response.DECLINE, null, call.toTag));
            } else if (call.established()) {
                sendBye(call);
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
        Dialog dialog = call.inviteTransaction.getDialog();
        if (dialog == null) {
            return;
        }
        try {
            Request bye = dialog.createRequest(Request.BYE);
            ClientTransaction ct = sip.provider.getNewClientTransaction(bye);
            dialog.sendRequest(ct);
        } catch (SipException | RuntimeException e) {
            LOG.warn("Demo PBX could not send BYE: {}", e.toString());
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

    private void addContact(Response response, Request request) {
        try {
            SipURI uri = sip.addresses.createSipURI(options.guardDeskExtension(), sip.host);
            uri.setPort(sip.port);
            if (PbxSignalling.transportOf(request).equals("tcp")) {
                uri.setTransportParam("tcp");
            }
            ContactHeader contact = sip.headers.createContactHeader(sip.addresses.createAddress(uri));
            response.setHeader(contact);
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

    static String callIdOf(Request request) {
        return ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    }
}
