package rock.intercom.settings;

import java.util.List;

/** The guide's SIP Configuration panel, steps 2 to 8. */
public record SipSettings(
        boolean enabled,
        SipServer server,
        Encryption encryption,
        Identity identity,
        String callNumber,
        List<String> fallbackNumbers,
        CallOptions callOptions,
        IncomingCalls incomingCalls,
        Proxy proxy) {

    public SipSettings {
        fallbackNumbers = fallbackNumbers == null ? List.of() : List.copyOf(fallbackNumbers);
    }

    /** The call number followed by the fallback numbers, in the order they are dialled. */
    public List<String> dialSequence() {
        var numbers = new java.util.ArrayList<String>();
        if (callNumber != null && !callNumber.isBlank()) {
            numbers.add(callNumber);
        }
        numbers.addAll(fallbackNumbers);
        return List.copyOf(numbers);
    }
}
