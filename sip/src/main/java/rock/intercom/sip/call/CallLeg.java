package rock.intercom.sip.call;

import javax.sip.Dialog;

/**
 * One call's SIP state held by the adapter, named by its Call-ID. Touched only on the dialogs' thread.
 * The Call-ID and the last SDP we sent are kept here once for both directions; each leg adds its
 * own transaction, phase and dialog.
 */
abstract sealed class CallLeg permits OutgoingLeg, IncomingLeg {

    private final String callId;
    private String localSdp;

    CallLeg(String callId, String localSdp) {
        this.callId = callId;
        this.localSdp = localSdp;
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

    /** True once the INVITE got a 2xx (ours or theirs): failures are then dialog failures. */
    abstract boolean answered();

    /** The leg is over (rejected, cancelled, hung up or failed): its phase becomes ENDED. */
    abstract void end();
}
