package rock.intercom.portal.pages;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which of the guide's two routes rules incoming calls, and why, in the installer's words: the
 * v3.7.0 mode chosen in the form, or (no mode chosen) the v3.6.3 custom parameter.
 */
final class IncomingCallModeText {

    static final String PARAMETER = "intercom.default_server_controls_allowed_callers";

    private IncomingCallModeText() {
    }

    /** One sentence for a settings view (the device's redacted document, with {@code effectiveMode}). */
    static String describe(JsonNode view) {
        JsonNode incoming = view.path("sip").path("incomingCalls");
        if (!incoming.path("allow").asBoolean(false)) {
            return "Incoming calls are not allowed: every incoming call is refused.";
        }
        String effective = incoming.path("effectiveMode").asText("EXTENSION_LIST");
        String label = label(effective);
        JsonNode chosen = incoming.path("mode");
        if (chosen.isTextual() && !chosen.asText().isEmpty()) {
            return "In force: " + label + ", because it is chosen here (a chosen mode wins over the custom parameter).";
        }
        JsonNode parameter = view.path("customConfiguration").path(PARAMETER);
        if (parameter.isTextual()) {
            return "In force: " + label + ", because no mode is chosen and the custom parameter " + PARAMETER + " is "
                    + parameter.asText() + ".";
        }
        return "In force: " + label + ", because no mode is chosen and the custom parameter " + PARAMETER + " is not set.";
    }

    static String label(String mode) {
        return "SIP_SERVER".equals(mode) ? "Managed by SIP Server" : "Restricted by Extension List";
    }
}
