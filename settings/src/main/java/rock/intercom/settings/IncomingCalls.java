package rock.intercom.settings;

import java.util.List;

/**
 * Guide step 7, Allow Incoming Calls. {@code mode} may be null in a document: then the v3.6.3
 * custom parameter decides (see {@link DeviceSettings#effectiveIncomingCallMode()}).
 */
public record IncomingCalls(boolean allow, IncomingCallMode mode, List<String> allowedCallers) {

    public IncomingCalls {
        allowedCallers = allowedCallers == null ? List.of() : List.copyOf(allowedCallers);
    }
}
