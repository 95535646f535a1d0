package rock.intercom.demo;

import java.util.concurrent.ScheduledFuture;
import javax.sip.Dialog;

/**
 * One guard desk call, incoming or outgoing: its leg, dialog, tone stream and phase. Mutable,
 * owned by the PBX's event thread.
 */
final class GuardDeskCall {
    /** Where the call is; exactly one value at a time (no parallel flags). */
    enum Phase {
        /** Outgoing: INVITE sent, no provisional response yet. */
        CALLING,
        /** Outgoing: hung up before any provisional response; the CANCEL goes with the first one (RFC 3261 §9.1). */
        CANCELLING,
        /** Incoming: 180 sent, waiting for the ring delay. Outgoing: a provisional response came. */
        RINGING,
        /** Incoming: 200 sent with the answer, tone running, waiting for ACK. */
        ANSWERED,
        /** ACK received (incoming) or sent (outgoing). */
        CONNECTED,
        /** Finished; resources released. */
        ENDED
    }

    final String callId;
    final CallLeg leg;
    final RtpToneSender tone;
    final long sdpSessionId;
    /** Our SDP: the answer to an incoming offer, or the offer of an outgoing call. */
    String localSdp;
    long sdpVersion = 1;
    ToneTarget target;
    Dialog dialog;
    Phase phase = Phase.RINGING;
    ScheduledFuture<?> answerTimer;
    ScheduledFuture<?> toneTask;
    /** The desk's video in this call (test pattern out, the door's pictures in), or null without video. */
    GuardDeskVideo video;
    /** Outgoing: the video offered with the INVITE, until the answer starts or refuses it; else null. */
    GuardDeskVideoOffer videoOffer;

    GuardDeskCall(String callId, CallLeg leg, RtpToneSender tone, long sdpSessionId) {
        this.callId = callId;
        this.leg = leg;
        this.tone = tone;
        this.sdpSessionId = sdpSessionId;
    }

    boolean established() {
        return phase == Phase.ANSWERED || phase == Phase.CONNECTED;
    }
}
