package rock.intercom.sip;

import gov.nist.javax.sip.DialogTimeoutEvent;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;

/**
 * A first look at every SIP event of the agent's stack, for the call side of this module
 * ({@code rock.intercom.sip.call}); other modules never see it. Returning {@code true} claims the
 * event; unclaimed events go to registration (responses, timeouts) or get a minimal answer
 * (requests: OPTIONS 200, others 501). I/O failures are also always seen by registration.
 * Called on JAIN-SIP threads: implementations must only classify and enqueue.
 */
public interface SipEventRouter {

    boolean processRequest(RequestEvent event);

    boolean processResponse(ResponseEvent event);

    boolean processTimeout(TimeoutEvent event);

    boolean processIOException(IOExceptionEvent event);

    boolean processDialogTerminated(DialogTerminatedEvent event);

    default boolean processDialogTimeout(DialogTimeoutEvent event) {
        return false;
    }
}
