package rock.intercom.settings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The whole settings document of one door device: the product's public contract, shared by the
 * YAML config file and the JSON API. Immutable; validated once by {@link SettingsValidator}.
 */
public record DeviceSettings(Device device, SipSettings sip, Map<String, String> customConfiguration, DoorSettings door) {

    /** The v3.6.3 custom parameter that hands caller authorisation to the SIP server. */
    public static final String SERVER_CONTROLS_ALLOWED_CALLERS = "intercom.default_server_controls_allowed_callers";

    public DeviceSettings {
        // Keeps the document's order so the file and the API show entries as the operator wrote them.
        var ordered = new LinkedHashMap<String, String>();
        if (customConfiguration != null) {
            customConfiguration.forEach((key, value) -> ordered.put(Objects.requireNonNull(key, "custom key"),
                    Objects.requireNonNull(value, "custom value")));
        }
        customConfiguration = Collections.unmodifiableMap(ordered);
        door = door == null ? DoorSettings.DEFAULTS : door;
    }

    /** A document without a {@code door} section: the door's defaults (release off, European tones). */
    public DeviceSettings(Device device, SipSettings sip, Map<String, String> customConfiguration) {
        this(device, sip, customConfiguration, DoorSettings.DEFAULTS);
    }

    /**
     * Which incoming-call mode is in force. An explicit {@code sip.incomingCalls.mode} (v3.7.0) wins;
     * without it, the v3.6.3 custom parameter set to {@code true} selects SIP_SERVER; otherwise the
     * extension list applies.
     */
    public IncomingCallMode effectiveIncomingCallMode() {
        if (sip != null && sip.incomingCalls() != null && sip.incomingCalls().mode() != null) {
            return sip.incomingCalls().mode();
        }
        String legacy = customConfiguration.get(SERVER_CONTROLS_ALLOWED_CALLERS);
        return legacy != null && legacy.trim().equalsIgnoreCase("true")
                ? IncomingCallMode.SIP_SERVER
                : IncomingCallMode.EXTENSION_LIST;
    }
}
