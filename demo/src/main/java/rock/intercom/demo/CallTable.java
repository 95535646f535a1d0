package rock.intercom.demo;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.demo.GuardDeskCall.Phase;
import rock.intercom.media.codec.Codec;

/**
 * The guard desk's calls by Call-ID, with what every call needs whichever side started it: the
 * tone, the BYE, the end, the Contact. At most {@value #MAX_CALLS} calls. Used on the PBX's event
 * thread only.
 */
final class CallTable {
    static final int MAX_CALLS = 16;
    private static final Logger LOG = LoggerFactory.getLogger(CallTable.class);

    private final PbxParts pbx;
    private final PbxSignalling sip;
    private final Map<String, GuardDeskCall> calls = new LinkedHashMap<>();
    private final HeardAudio heard;

    CallTable(PbxParts pbx, HeardAudio heard) {
        this.pbx = pbx;
        this.sip = pbx.sip();
        this.heard = heard;
    }

    boolean full() {
        return calls.size() >= MAX_CALLS;
    }

    /** Adds the call and starts listening on its RTP socket (until {@link #end}). */
    void add(GuardDeskCall call) {
        calls.put(call.callId, call);
        RtpListener.start(call.tone.socket(), heard);
    }

    GuardDeskCall get(String callId) {
        return calls.get(callId);
    }

    /** A snapshot, safe to iterate while calls end. */
    List<GuardDeskCall> all() {
        return new ArrayList<>(calls.values());
    }

    List<String> describe() {
        return calls.values().stream().map(call -> (call.leg instanceof CallLeg.Outgoing out
            ? out.caller() + " → " + out.device() : "door → " + pbx.options().guardDeskExtension()) + ": " + call.phase.name().toLowerCase()
            + (call.established() && call.toneTask == null ? " (desk silent)" : "")).toList();
    }

    /** The door's latest picture in an established call with video, if any (JPEG). */
    java.util.Optional<byte[]> doorPicture() {
        return calls.values().stream().filter(c -> c.established() && c.video != null)
            .map(c -> c.video.doorPicture()).flatMap(java.util.Optional::stream).findFirst();
    }

    int callsInProgress() {
        return calls.size();
    }

    int establishedCalls() {
        return (int) calls.values().stream().filter(GuardDeskCall::established).count();
    }

    /** Releases every call's resources without signalling (PBX shutdown). */
    void releaseAll() {
        for (GuardDeskCall call : all()) {
            end(call, "PBX stopped");
        }
    }

    void startTone(GuardDeskCall call) {
        if (call.toneTask != null) {
            call.toneTask.cancel(false);
            call.toneTask = null;
        }
        ToneTarget t = call.target;
        call.tone.aim(t.codec(), pbx.options().toneHz(), t.host(), t.port());
        if (t.send()) {
            call.toneTask = pbx.loop().scheduleAtFixedRate(call.tone::sendFrame, 0, Codec.PTIME_MS,
                TimeUnit.MILLISECONDS);
        }
    }

    /** The desk's line goes quiet on every call (a demo of a media failure); signalling carries on. */
    void silenceAll() {
        for (GuardDeskCall call : calls.values()) {
            if (call.toneTask != null) {
                call.toneTask.cancel(false);
                call.toneTask = null;
            }
        }
    }

    void sendBye(GuardDeskCall call) {
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

    void end(GuardDeskCall call, String why) {
        call.phase = Phase.ENDED;
        if (call.answerTimer != null) {
            call.answerTimer.cancel(false);
        }
        if (call.toneTask != null) {
            call.toneTask.cancel(false);
        }
        call.tone.close();
        if (call.video != null) {
            call.video.close();
        }
        if (call.videoOffer != null) {
            call.videoOffer.close();
        }
        calls.remove(call.callId);
        LOG.info("Demo PBX guard desk call ended: {}", why);
    }

    ContactHeader contact(String transport) {
        try {
            SipURI uri = sip.addresses.createSipURI(pbx.options().guardDeskExtension(), sip.host);
            uri.setPort(sip.port);
            if (transport.equalsIgnoreCase("tcp")) {
                uri.setTransportParam("tcp");
            }
            return sip.headers.createContactHeader(sip.addresses.createAddress(uri));
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build the guard desk Contact", e);
        }
    }

    static String callIdOf(Message message) {
        return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
    }
}
