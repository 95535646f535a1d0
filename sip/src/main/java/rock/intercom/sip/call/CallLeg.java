package rock.intercom.sip.call;

import javax.sip.Dialog;

/** One call's SIP state held by the adapter, named by its Call-ID. Touched only on the dialogs' thread. */
sealed interface CallLeg permits OutgoingLeg, IncomingLeg {

    String callId();

    /** The call's dialog once one exists (early or confirmed), else null. */
    Dialog dialog();

    /** The last SDP we sent on this call, offered again in a 2xx to an offerless re-INVITE. */
    String localSdp();

    void localSdp(String sdp);

    /** True once the INVITE got a 2xx (ours or theirs): failures are then dialog failures. */
    boolean answered();
}
