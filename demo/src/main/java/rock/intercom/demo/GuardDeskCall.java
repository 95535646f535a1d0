package rock.intercom.demo;

import java.util.concurrent.ScheduledFuture;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;

/**
 * One call to the guard desk: its INVITE transaction, dialog tag, tone stream and phase. Mutable,
 * owned by the PBX's event thread.
 */
final class GuardDeskCall {
    /** Where the call is; exactly one value at a time (no parallel flags). */
    enum Phase {
        /** 180 sent, waiting for the ring delay. */
        RINGING,
        /** 200 sent with the answer, tone running, waiting for ACK. */
        ANSWERED,
        /** ACK received. */
        CONNECTED,
        /** Finished; resources released. */
        ENDED
    }

    final String callId;
    final ServerTransaction inviteTransaction;
    final Request invite;
    final String toTag;
    final RtpToneSender tone;
    AnswerDecision.Accepted answer;
    Phase phase = Phase.RINGING;
    final long sdpSessionId;
    long sdpVersion = 1;
    ScheduledFuture<?> answerTimer;
    ScheduledFuture<?> toneTask;

    GuardDeskCall(String callId, ServerTransaction inviteTransaction, Request invite, String toTag,
                  RtpToneSender tone, AnswerDecision.Accepted answer, long sdpSessionId) {
        this.callId = callId;
        this.inviteTransaction = inviteTransaction;
        this.invite = invite;
        this.toTag = toTag;
        this.tone = tone;
        this.answer = answer;
        this.sdpSessionId = sdpSessionId;
    }

    boolean established() {
        return phase == Phase.ANSWERED || phase == Phase.CONNECTED;
    }
}
