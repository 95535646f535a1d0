package rock.intercom.demo;

import javax.sip.ClientTransaction;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;

/** Which side started a guard desk call, with the INVITE transaction that belongs to it. */
sealed interface CallLeg {

    /** A device called the guard desk; the PBX answers on this transaction with this To tag. */
    record Incoming(ServerTransaction transaction, Request invite, String toTag) implements CallLeg {
    }

    /** The guard desk (or extension {@code caller}) called a device ({@code DemoPbx.callDevice}). */
    record Outgoing(ClientTransaction transaction, String device, String caller) implements CallLeg {
    }
}
