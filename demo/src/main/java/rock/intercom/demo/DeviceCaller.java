package rock.intercom.demo;

import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.demo.GuardDeskCall.Phase;
import rock.intercom.media.ParseResult;
import rock.intercom.media.sdp.SdpParser;
import rock.intercom.media.sdp.SessionDescription;

/**
 * The guard desk calling a registered device ({@code DemoPbx.callDevice}): INVITE with a G.711
 * offer, ACK of the 200 (RFC 3261 §13.2.2.4), the tone once answered; hanging up before the answer
 * sends CANCEL, deferred until a provisional response came (§9.1); a 2xx that arrives after giving
 * up is ACKed and ended with BYE (§15). Used on the PBX's event thread only.
 */
final class DeviceCaller {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceCaller.class);

    private final PbxParts pbx;
    private final PbxSignalling sip;
    private final CallTable calls;

    DeviceCaller(PbxParts pbx, CallTable calls) {
        this.pbx = pbx;
        this.sip = pbx.sip();
        this.calls = calls;
    }

    /**
     * Calls {@code device} at its registered {@code contactUri} from extension {@code caller}: the
     * guard desk, or another extension of the demo (one a door does not allow, to show a refusal).
     *
     * @throws IllegalStateException when the INVITE cannot be built or sent
     */
    void callDevice(String device, String contactUri, String caller) {
        if (calls.full()) {
            throw new IllegalStateException("guard desk busy: " + CallTable.MAX_CALLS + " calls");
        }
        RtpToneSender tone;
        try {
            tone = new RtpToneSender(pbx.localAddress());
        } catch (SocketException e) {
            throw new IllegalStateException("no RTP port for the call", e);
        }
        long sessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        Optional<GuardDeskVideoOffer> video = GuardDeskVideoOffer.bind(pbx.localAddress(), tone.localPort());
        String offer = OutgoingCallMedia.offer(sip.host, tone.localPort(), sessionId,
            video.map(GuardDeskVideoOffer::section));
        try {
            SipURI target = (SipURI) sip.addresses.createURI(contactUri);
            String transport = target.getTransportParam() == null ? "udp" : target.getTransportParam().toLowerCase();
            CallIdHeader callId = sip.provider.getNewCallId();
            SipURI fromUri = sip.addresses.createSipURI(caller, sip.host);
            String display = caller.equals(pbx.options().guardDeskExtension()) ? "Guard desk" : "Extension " + caller;
            FromHeader from = sip.headers.createFromHeader(sip.addresses.createAddress(display, fromUri),
                PbxSignalling.newTag());
            ToHeader to = sip.headers.createToHeader(
                sip.addresses.createAddress(sip.addresses.createSipURI(device, sip.host)), null);
            ViaHeader via = sip.headers.createViaHeader(sip.host, sip.port, transport, null);
            Request invite = sip.messages.createRequest(target, Request.INVITE, callId,
                sip.headers.createCSeqHeader(1L, Request.INVITE), from, to, List.of(via),
                sip.headers.createMaxForwardsHeader(70), sip.headers.createContentTypeHeader("application", "sdp"),
                offer.getBytes(StandardCharsets.UTF_8));
            invite.setHeader(calls.contact(transport));
            ClientTransaction ct = sip.provider.getNewClientTransaction(invite);
            GuardDeskCall call = new GuardDeskCall(callId.getCallId(), new CallLeg.Outgoing(ct, device, caller), tone,
                sessionId);
            call.localSdp = offer;
            call.videoOffer = video.orElse(null);
            call.phase = Phase.CALLING;
            calls.add(call);
            ct.sendRequest();
            LOG.info("Demo PBX: {} calling {} at {}", caller, device, contactUri);
        } catch (ParseException | InvalidArgumentException | SipException | ClassCastException e) {
            tone.close();
            video.ifPresent(GuardDeskVideoOffer::close);
            throw new IllegalStateException("cannot call " + device + " at " + contactUri + ": " + e.getMessage(), e);
        }
    }

    /** A response to a request the guard desk sent: its INVITEs' progress; BYE answers need nothing. */
    void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (cseq == null || !Request.INVITE.equals(cseq.getMethod())) {
            return;
        }
        int status = response.getStatusCode();
        GuardDeskCall call = calls.get(CallTable.callIdOf(response));
        if (call == null) {
            if (status >= 200 && status < 300 && event.getDialog() != null) {
                ackAndBye(event.getDialog(), cseq.getSeqNumber()); // answered after we cancelled (§15)
            }
            return;
        }
        if (!(call.leg instanceof CallLeg.Outgoing out)) {
            return;
        }
        if (status < 200) {
            if (call.phase == Phase.CANCELLING) {
                sendCancel(out);
                calls.end(call, "guard desk hung up");
            } else if (call.phase == Phase.CALLING) {
                call.phase = Phase.RINGING;
            }
            return;
        }
        if (status >= 300) {
            calls.end(call, out.device() + " refused with " + status); // the stack ACKs non-2xx itself
            return;
        }
        if (call.phase == Phase.CANCELLING && event.getDialog() != null) {
            ackAndBye(event.getDialog(), cseq.getSeqNumber());
            calls.end(call, "guard desk hung up");
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
        if (call.phase != Phase.RINGING && call.phase != Phase.CALLING) {
            return; // a retransmitted 200: ACKed again, nothing else changes
        }
        call.dialog = dialog;
        Optional<SessionDescription> answer = answerOf(response);
        Optional<ToneTarget> target = answer.flatMap(OutgoingCallMedia::readAnswer);
        if (target.isEmpty()) {
            LOG.warn("Demo PBX: {} answered without G.711 audio; hanging up", out.device());
            calls.sendBye(call);
            calls.end(call, "no common codec");
            return;
        }
        call.target = target.get();
        call.phase = Phase.CONNECTED;
        calls.startTone(call);
        if (call.videoOffer != null) {
            call.video = call.videoOffer.accepted(answer.get()).orElse(null);
            call.videoOffer = null;
            if (call.video != null) {
                call.video.start();
            }
        }
        LOG.info("Demo PBX: {} answered the guard desk in {}", out.device(), call.target.codec());
    }

    /** The stack gave up on a request (no answer at all): forget the call. */
    void onTimeout(String callId) {
        GuardDeskCall call = calls.get(callId);
        if (call != null && !call.established() && call.leg instanceof CallLeg.Outgoing) {
            calls.end(call, "no answer");
        }
    }

    /** Hangs up an outgoing call: BYE once established, CANCEL while ringing, deferred before that. */
    void hangUp(GuardDeskCall call, CallLeg.Outgoing out) {
        switch (call.phase) {
            case CONNECTED, ANSWERED -> calls.sendBye(call);
            case RINGING -> sendCancel(out);
            case CALLING -> {
                call.phase = Phase.CANCELLING; // RFC 3261 §9.1: no CANCEL before a provisional response
                return;
            }
            case CANCELLING, ENDED -> {
                return;
            }
        }
        calls.end(call, "guard desk hung up");
    }

    private static Optional<SessionDescription> answerOf(Response response) {
        byte[] body = response.getRawContent();
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        ParseResult<SessionDescription> sdp = SdpParser.parse(new String(body, StandardCharsets.UTF_8));
        return sdp instanceof ParseResult.Parsed<SessionDescription> p ? Optional.of(p.value()) : Optional.empty();
    }

    /** RFC 3261 §15: a 2xx that arrives after the call was given up is ACKed, then ended with BYE. */
    private void ackAndBye(Dialog dialog, long cseq) {
        try {
            dialog.sendAck(dialog.createAck(cseq));
            ClientTransaction ct = sip.provider.getNewClientTransaction(dialog.createRequest(Request.BYE));
            dialog.sendRequest(ct);
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            LOG.debug("Demo PBX could not end a late-answered call: {}", e.toString());
        }
    }

    private void sendCancel(CallLeg.Outgoing out) {
        try {
            sip.provider.getNewClientTransaction(out.transaction().createCancel()).sendRequest();
        } catch (SipException | RuntimeException e) {
            LOG.warn("Demo PBX could not cancel the call to {}: {}", out.device(), e.toString());
        }
    }
}
