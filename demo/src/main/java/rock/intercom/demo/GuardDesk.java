package rock.intercom.demo;

import java.net.SocketException;
import java.text.ParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.demo.GuardDeskCall.Phase;
import rock.intercom.media.sdp.SessionDescription;

/**
 * The built-in guard desk extension answering calls: it rings (180), answers after the ring delay
 * (200 with an SDP answer) and plays a tone over RTP until either side hangs up (RFC 3261 §13.3,
 * §15); a CANCEL before the answer gets 200 and the INVITE 487 (§9.2); a re-INVITE is answered
 * anew. More than {@value CallTable#MAX_CALLS} calls get 486. Used on the PBX's event thread only.
 */
final class GuardDesk {
    private static final Logger LOG = LoggerFactory.getLogger(GuardDesk.class);

    private final PbxParts pbx;
    private final PbxSignalling sip;
    private final CallTable calls;
    private final DeviceCaller deviceCaller;
    private GuardDeskMode mode = GuardDeskMode.ANSWERS;

    GuardDesk(PbxParts pbx, CallTable calls, DeviceCaller deviceCaller) {
        this.pbx = pbx;
        this.sip = pbx.sip();
        this.calls = calls;
        this.deviceCaller = deviceCaller;
    }

    String extension() {
        return pbx.options().guardDeskExtension();
    }

    GuardDeskMode mode() {
        return mode;
    }

    void mode(GuardDeskMode mode) {
        this.mode = mode;
    }

    /** A new, authenticated INVITE to the guard desk with its parsed SDP offer. */
    void onOffer(ServerTransaction st, Request invite, SessionDescription offer) {
        if (mode == GuardDeskMode.BUSY || calls.full()) {
            sip.send(st, sip.response(invite, Response.BUSY_HERE, "Guard desk busy", null));
            return;
        }
        RtpToneSender tone;
        try {
            tone = new RtpToneSender(pbx.localAddress());
        } catch (SocketException e) {
            LOG.warn("Demo PBX has no RTP socket: {}", e.toString());
            sip.send(st, sip.response(invite, Response.SERVER_INTERNAL_ERROR, "No RTP port", null));
            return;
        }
        long sessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        Optional<GuardDeskVideo> video = GuardDeskVideo.answer(offer, pbx.localAddress(), tone.localPort());
        AnswerDecision decision = GuardDeskAnswerer.answer(offer, sip.host, tone.localPort(), sessionId, 1,
            video.map(GuardDeskVideo::section));
        if (decision instanceof AnswerDecision.Refused refused) {
            tone.close();
            video.ifPresent(GuardDeskVideo::close);
            sip.send(st, sip.response(invite, refused.status(), refused.reason(), null));
            return;
        }
        AnswerDecision.Accepted accepted = (AnswerDecision.Accepted) decision;
        CallLeg.Incoming leg = new CallLeg.Incoming(st, invite, PbxSignalling.newTag());
        GuardDeskCall call = new GuardDeskCall(CallTable.callIdOf(invite), leg, tone, sessionId);
        call.localSdp = accepted.answerSdp();
        call.target = accepted.target();
        call.video = video.orElse(null);
        calls.add(call);
        sip.send(st, sip.response(invite, Response.TRYING));
        Response ringing = sip.response(invite, Response.RINGING, null, leg.toTag());
        ringing.setHeader(calls.contact(PbxSignalling.transportOf(invite)));
        sip.send(st, ringing);
        call.answerTimer = pbx.loop().schedule(() -> answer(call), pbx.options().ringDelay().toMillis(),
            TimeUnit.MILLISECONDS);
        LOG.info("Demo PBX guard desk ringing for {}", ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress());
    }

    private void answer(GuardDeskCall call) {
        if (call.phase != Phase.RINGING || !(call.leg instanceof CallLeg.Incoming in)) {
            return;
        }
        Response ok = sip.response(in.invite(), Response.OK, null, in.toTag());
        ok.setHeader(calls.contact(PbxSignalling.transportOf(in.invite())));
        setSdp(ok, call.localSdp);
        sip.send(in.transaction(), ok);
        call.dialog = in.transaction().getDialog();
        call.phase = Phase.ANSWERED;
        calls.startTone(call);
        if (call.video != null) {
            call.video.start();
        }
        LOG.info("Demo PBX guard desk answered in {}{}", call.target.codec(), call.video == null ? "" : " with video");
    }

    /** An INVITE inside an existing dialog (hold, codec change): answer it anew on the same port. */
    void onReInvite(ServerTransaction st, Request invite, SessionDescription offer) {
        GuardDeskCall call = calls.get(CallTable.callIdOf(invite));
        if (call == null || !call.established()) {
            sip.send(st, sip.response(invite, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST));
            return;
        }
        // The video stream runs on as it is: a re-offer that keeps it gets the same answer again.
        AnswerDecision decision = GuardDeskAnswerer.answer(offer, sip.host, call.tone.localPort(),
            call.sdpSessionId, call.sdpVersion + 1, Optional.ofNullable(call.video).map(GuardDeskVideo::section));
        if (decision instanceof AnswerDecision.Refused refused) {
            sip.send(st, sip.response(invite, refused.status(), refused.reason(), null));
            return;
        }
        AnswerDecision.Accepted accepted = (AnswerDecision.Accepted) decision;
        call.sdpVersion++;
        call.localSdp = accepted.answerSdp();
        call.target = accepted.target();
        Response ok = sip.response(invite, Response.OK);
        ok.setHeader(calls.contact(PbxSignalling.transportOf(invite)));
        setSdp(ok, call.localSdp);
        sip.send(st, ok);
        calls.startTone(call);
    }

    void onAck(RequestEvent event) {
        GuardDeskCall call = calls.get(CallTable.callIdOf(event.getRequest()));
        if (call != null && call.phase == Phase.ANSWERED) {
            call.phase = Phase.CONNECTED;
        }
    }

    void onBye(RequestEvent event) {
        GuardDeskCall call = calls.get(CallTable.callIdOf(event.getRequest()));
        if (call == null) {
            sip.reply(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        sip.reply(event, Response.OK);
        if (call.phase == Phase.RINGING && call.leg instanceof CallLeg.Incoming in) {
            // A BYE before the answer (RFC 3261 §15.1.2 allows it only after a dialog exists) still ends the INVITE.
            sip.send(in.transaction(), sip.response(in.invite(), Response.REQUEST_TERMINATED, null, in.toTag()));
        }
        calls.end(call, "the other side hung up");
    }

    void onCancel(RequestEvent event) {
        GuardDeskCall call = calls.get(CallTable.callIdOf(event.getRequest()));
        if (call == null || !(call.leg instanceof CallLeg.Incoming in)) {
            sip.reply(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        sip.reply(event, Response.OK);
        if (call.phase == Phase.RINGING) {
            sip.send(in.transaction(), sip.response(in.invite(), Response.REQUEST_TERMINATED, null, in.toTag()));
            calls.end(call, "caller cancelled");
        }
    }

    /**
     * The stack gave up on a dialog (e.g. no ACK): drop its call without signalling. Only the
     * call's own dialog counts: the INVITE answered with 407 shares the Call-ID but had a dialog
     * of its own (its To tag), which the stack terminates seconds later — that must not end the
     * authenticated call that followed it.
     */
    void onDialogTerminated(Dialog dialog) {
        GuardDeskCall call = calls.get(dialog.getCallId().getCallId());
        if (call != null && call.dialog != null && sameDialog(call.dialog, dialog)) {
            calls.end(call, "dialog terminated");
        }
    }

    private static boolean sameDialog(Dialog a, Dialog b) {
        return a == b || (a.getDialogId() != null && a.getDialogId().equals(b.getDialogId()));
    }

    /**
     * Hangs up every call from the guard desk side: BYE when established; while ringing, 603 to an
     * incoming call and CANCEL for an outgoing one.
     */
    void hangUpAll() {
        for (GuardDeskCall call : calls.all()) {
            if (call.leg instanceof CallLeg.Outgoing out) {
                deviceCaller.hangUp(call, out);
            } else if (call.leg instanceof CallLeg.Incoming in) {
                if (call.established()) {
                    calls.sendBye(call);
                } else if (call.phase == Phase.RINGING) {
                    sip.send(in.transaction(), sip.response(in.invite(), Response.DECLINE, null, in.toTag()));
                }
                calls.end(call, "guard desk hung up");
            }
        }
    }

    private void setSdp(Response response, String sdp) {
        try {
            response.setContent(sdp, sip.headers.createContentTypeHeader("application", "sdp"));
        } catch (ParseException e) {
            throw new IllegalStateException("cannot attach the SDP answer", e);
        }
    }
}
