package rock.intercom.sip.call;

import java.util.Set;
import javax.sip.Dialog;

/**
 * One call's SIP state held by the adapter, named by its Call-ID. Touched only on the dialogs' thread.
 * The Call-ID, the phase and the last SDP we sent are kept here once for both directions; each
 * leg names its own phases ({@code P}, one enum instead of parallel flags) and adds its own
 * transaction and dialog.
 */
abstract sealed class CallLeg<P extends Enum<P>> permits OutgoingLeg, IncomingLeg {

    private final String callId;
    private final P ended;
    private final Set<P> answeredPhases;
    private P phase;
    private String localSdp;

    /** Starts in {@code first}; {@link #end} moves to {@code ended}; {@code answeredPhases} follow a 2xx. */
    CallLeg(String callId, String localSdp, P first, P ended, Set<P> answeredPhases) {
        this.callId = callId;
        this.localSdp = localSdp;
        this.phase = first;
        this.ended = ended;
        this.answeredPhases = Set.copyOf(answeredPhases);
    }

    final String callId() {
        return callId;
    }

    /** The call's dialog once one exists (early or confirmed), else null. */
    abstract Dialog dialog();

    /** The last SDP we sent on this call, offered again in a 2xx to an offerless re-INVITE. */
    final String localSdp() {
        return localSdp;
    }

    final void localSdp(String sdp) {
        localSdp = sdp;
    }

    final P phase() {
        return phase;
    }

    final void phase(P next) {
        phase = next;
    }

    /** The leg is over (rejected, cancelled, hung up or failed): its phase becomes ENDED. */
    final void end() {
        phase = ended;
    }

    /** True once the INVITE got a 2xx (ours or theirs): failures are then dialog failures. */
    final boolean answered() {
        return answeredPhases.contains(phase);
    }
}
