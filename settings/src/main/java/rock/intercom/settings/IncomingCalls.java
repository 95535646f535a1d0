package rock.intercom.settings;

import java.util.List;

/**
 * Guide step 7, Allow Incoming Calls. {@code mode} may be null in a document: then the v3.6.3
 * custom parameter decides (see {@link DeviceSettings#effectiveIncomingCallMode()}).
 * {@code acceptDirectCalls} lets INVITEs that did not come from the configured SIP server or proxy
 * through to the mode's check (issue 11); off by default because a caller's {@code From} is
 * whatever the sender wrote, so only the server's word about who calls can be trusted.
 */
public record IncomingCalls(boolean allow, IncomingCallMode mode, List<String> allowedCallers,
        boolean acceptDirectCalls) {

    public IncomingCalls {
        allowedCallers = allowedCallers == null ? List.of() : List.copyOf(allowedCallers);
    }

    /** Only calls through the server, the default. */
    public IncomingCalls(boolean allow, IncomingCallMode mode, List<String> allowedCallers) {
        this(allow, mode, allowedCallers, false);
    }
}
