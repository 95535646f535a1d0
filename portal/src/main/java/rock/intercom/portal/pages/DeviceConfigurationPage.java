package rock.intercom.portal.pages;

import static rock.intercom.portal.pages.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import rock.intercom.portal.Caller;
import rock.intercom.portal.DeviceControl;

/**
 * Settings → Modify: the Device configuration list with SIP Configuration at the bottom, and
 * Advanced configuration → Custom Configuration; labels and help texts are the guide's (steps 2-8).
 */
public final class DeviceConfigurationPage {

    private static final String[][] TRANSPORTS = {{"UDP", "UDP"}, {"TCP", "TCP"}, {"TLS", "TLS"}};
    private static final String[][] ENCRYPTION = {
        {"RTP_OPTIONAL_SRTP", "RTP with Optional SRTP (Fallback Mode)",
            "The device prefers SRTP. If the remote endpoint does not support SRTP, the device falls back to unencrypted RTP."},
        {"SRTP_ONLY", "SRTP-only",
            "The device requires SRTP. Calls fail if the remote endpoint cannot establish SRTP."}};
    private static final String[][] VIDEO = {
        {"OFF", "Off"}, {"OUTGOING_ONLY", "Outgoing only"}, {"INCOMING_ONLY", "Incoming only"}, {"BOTH", "Both"}};
    private static final String[][] MODES = {
        {"", "Not chosen (custom parameter decides)",
            "As in v3.6.3: the custom parameter intercom.default_server_controls_allowed_callers=true selects Managed by "
                    + "SIP Server; otherwise the extension list applies."},
        {"SIP_SERVER", "Managed by SIP Server",
            "The SIP server authorises callers; the device only checks that the call comes from its server."},
        {"EXTENSION_LIST", "Restricted by Extension List",
            "The device itself accepts only the SIP URLs in the list above."}};

    private DeviceConfigurationPage() {
    }

    /**
     * @param values the document to show: the device's view, or the rejected submission
     * @param view the device's current view (which passwords are stored, which certificate)
     */
    public static String render(DeviceControl device, JsonNode values, JsonNode view, Map<String, String> errors,
            Caller caller, String notice) {
        FormWriter f = new FormWriter(values, errors);
        String base = "/devices/" + esc(device.id());
        f.raw("<p class=\"crumbs\"><a href=\"/devices\">Device Management → Devices</a> → <a href=\"" + base + "\">"
                + esc(device.name()) + "</a> → Settings → Modify</p>");
        f.raw("<h1>Modify Device Parameters</h1>");
        if (notice != null) {
            f.raw("<p class=\"notice\" role=\"status\">" + esc(notice) + "</p>");
        }
        int summaryAt = f.out().length(); // filled in last: it lists the fields in the order written below
        f.raw("<form method=\"post\" action=\"" + base + "/modify\" enctype=\"multipart/form-data\" novalidate id=\"modify-form\">")
                .raw(Layout.csrfField(caller));
        f.raw("<h2>Device configuration</h2><div class=\"field\"><span class=\"label\">Device Id</span> <code>"
                + esc(device.id()) + "</code></div>");
        f.input("device.name", "Device Name", "text", "How this device is listed in the Admin Portal.", null);

        boolean open = !errors.isEmpty() || f.bool("sip.enabled");
        f.raw("<details class=\"section\" id=\"sip-configuration\"" + (open ? " open" : "")
                + "><summary>SIP Configuration</summary>");
        f.checkbox("sip.enabled", "SIP", "Toggle SIP on. The full configuration form appears.",
                "role=\"switch\" data-toggles=\"sip-form\"");
        f.raw("<div id=\"sip-form\"" + (f.bool("sip.enabled") ? "" : " hidden") + ">");
        sipServer(f, view);
        identity(f, view);
        f.raw("<h3>Call number</h3>");
        f.input("sip.callNumber", "Call number", "text",
                "The extension is dialed when someone presses the intercom button. Enter the extension only.", null);
        f.list("sip.fallbackNumbers", "Fallback numbers", "Fallback number",
                "Tried in order when the call number does not answer.", "Add a fallback number", "401");
        callOptions(f);
        incomingCalls(f);
        f.raw("<p class=\"effective-mode\" id=\"effective-mode\" role=\"note\">"
                + esc(IncomingCallModeText.describe(view)) + "</p>");
        proxy(f, view);
        f.raw("</div></details>");

        f.raw("<details class=\"section\" id=\"advanced-configuration\""
                + (f.errorsFor("customConfiguration").isEmpty() ? "" : " open")
                + "><summary>Advanced configuration</summary>");
        customConfiguration(f);
        f.raw("</details>");
        door(f, view);
        f.raw("<div class=\"actions\"><button type=\"submit\" class=\"primary\">Submit</button>"
                + " <a href=\"" + base + "\">Cancel</a><p class=\"help\">The device applies the new configuration without requiring a reboot.</p></div></form>");
        if (!errors.isEmpty()) {
            f.out().insert(summaryAt, ErrorSummary.render(f.fields(), errors));
        }
        return Layout.page("Modify " + device.name(), caller, "devices", f.out().toString());
    }

    private static void sipServer(FormWriter f, JsonNode view) {
        f.raw("<h3>SIP Server</h3><p class=\"help\">Connection details for the SIP server through which the device places and receives SIP calls.</p>");
        f.input("sip.server.address", "Domain Name / IP Address", "text",
                "IP address or domain name of the SIP server.", "placeholder=\"10.40.0.224\"");
        f.input("sip.server.port", "Port Number", "number",
                "Port the SIP server uses. Common defaults: 5060 (UDP/TCP), 5061 (TLS).",
                "inputmode=\"numeric\" min=\"1\" max=\"65535\"");
        f.input("sip.server.pollingIntervalSeconds", "Polling Interval (seconds)", "number",
                "How often the device confirms connectivity with the SIP server. 30 seconds keeps overhead low; "
                        + "longer intervals mean it takes longer to notice if the SIP server goes offline.",
                "inputmode=\"numeric\"");
        f.select("sip.server.transport", "Transport Protocol", "UDP, TCP, or TLS.", TRANSPORTS,
                "data-shows-when-tls=\"tls-certificates\"");
        boolean tls = "TLS".equals(f.text("sip.server.transport"));
        JsonNode stored = view.path("sip").path("server").path("caCertificatePem");
        boolean hasCa = stored.isTextual() && !stored.asText().isBlank();
        JsonNode submitted = f.value("sip.server.caCertificatePem");
        boolean pending = submitted != null && submitted.isTextual() && !submitted.equals(stored);
        f.raw("<fieldset id=\"tls-certificates\"" + (tls ? "" : " hidden") + "><legend>TLS Certificates</legend>"
                + "<p class=\"help\">Optionally upload a CA certificate to validate the server's TLS certificate. Supported format: .pem</p>"
                + "<p class=\"help\">When to upload a CA certificate: the SIP server uses a self-signed or private CA certificate, "
                + "or the server's certificate is signed by an intermediate or root CA that is not in the device's default trust store.</p>"
                + "<p id=\"ca-status\">" + (pending ? "The uploaded CA certificate will be installed on Submit."
                        : hasCa ? "A CA certificate is installed." : "No CA certificate is installed.") + "</p>");
        if (pending) {
            f.raw("<input type=\"hidden\" name=\"" + SettingsFormReader.CA_PENDING_FIELD + "\" value=\""
                    + esc(submitted.asText()) + "\">");
        }
        f.field("sip.server.caCertificatePem", "CA certificate (.pem)", "caCertificateFile");
        f.raw("<div class=\"field\"><label for=\"caCertificateFile\">CA certificate (.pem)</label>"
                + "<input type=\"file\" id=\"caCertificateFile\" name=\"" + SettingsFormReader.CA_FILE_FIELD
                + "\" accept=\".pem,application/x-pem-file\" aria-describedby=\"ca-status\">");
        f.helpAndError("sip.server.caCertificatePem", null);
        f.raw("</div>");
        if (hasCa) {
            f.raw("<div class=\"field check\"><input type=\"checkbox\" id=\"caCertificateRemove\" name=\""
                    + SettingsFormReader.CA_REMOVE_FIELD + "\" value=\"true\"><label for=\"caCertificateRemove\">"
                    + "Remove the installed CA certificate</label></div>");
        }
        f.raw("</fieldset>");
        f.raw("<h3>Encryption</h3>");
        f.radios("sip.encryption", "Encryption",
                "Encryption controls whether the media stream (audio and video) is secured with SRTP. It is independent "
                        + "of the Transport Protocol setting, which secures SIP signaling. Use SRTP-only when the SIP server "
                        + "requires encrypted media; use RTP with Optional SRTP with endpoints that may not support SRTP.",
                ENCRYPTION);
    }

    private static void identity(FormWriter f, JsonNode view) {
        f.raw("<h3>Identifying the Station</h3><p class=\"help\">These settings tell the SIP server who this device is.</p>");
        f.input("sip.identity.authUsername", "Authentication Username", "text",
                "The username assigned to this device on the SIP server. Usually matches the SIP Extension. "
                        + "Letters and numbers only.", "autocomplete=\"off\"");
        f.password("sip.identity.authPassword", "Authentication Password",
                "The password assigned to this device on the SIP server.",
                view.path("sip").path("identity").path("authPasswordSet").asBoolean(false));
        f.input("sip.identity.displayName", "Display Name", "text",
                "A name shown on the receiving endpoint. A common convention is to include the extension.", null);
        f.input("sip.identity.extension", "SIP Extension", "text",
                "The extension number assigned to this device on the SIP server.", null);
    }

    private static void callOptions(FormWriter f) {
        f.raw("<h3>Audio &amp; Video control</h3>");
        f.input("sip.callOptions.microphoneVolume", "Microphone Volume", "number",
                "Input level of the device's built-in microphone (0-100).", "min=\"0\" max=\"100\"");
        f.input("sip.callOptions.speakerVolume", "Speaker Volume", "number",
                "Output level of the device's built-in speaker (0-100). For outdoor or noisy installations, test before "
                        + "finalizing - high speaker volume in compact installations can cause acoustic feedback.",
                "min=\"0\" max=\"100\"");
        f.input("sip.callOptions.callTimeoutSeconds", "Call Timeout", "number",
                "Number of seconds to wait before ending the call if no one answers. Recommended: 30-40", null);
        f.select("sip.callOptions.videoCalls", "Video Calls",
                "Enables video on calls. Options: Outgoing only, Incoming only, or Both.", VIDEO, null);
        f.input("sip.callOptions.video.width", "Video Width", "number",
                "Width of the picture the door sends, in pixels (even, 160-1920). Empty: 640.",
                "min=\"160\" max=\"1920\" step=\"2\" placeholder=\"640\"");
        f.input("sip.callOptions.video.height", "Video Height", "number",
                "Height of the picture the door sends, in pixels (even, 120-1080). Empty: 480.",
                "min=\"120\" max=\"1080\" step=\"2\" placeholder=\"480\"");
        f.input("sip.callOptions.video.frameRate", "Video Frame Rate", "number",
                "Pictures per second the door sends (1-30). Empty: 15.", "min=\"1\" max=\"30\" placeholder=\"15\"");
    }

    private static void incomingCalls(FormWriter f) {
        f.raw("<h3>Allow Incoming Calls</h3>");
        f.checkbox("sip.incomingCalls.allow", "Allow Incoming Calls",
                "Check Allow Incoming Calls to let other endpoints reach this device.",
                "data-toggles=\"incoming-calls\"");
        f.raw("<div id=\"incoming-calls\"" + (f.bool("sip.incomingCalls.allow") ? "" : " hidden") + ">");
        f.list("sip.incomingCalls.allowedCallers", "Permitted SIP URLs", "Permitted SIP URL",
                "Click the plus icon to add more entries. Use the full SIP URL format, e.g. sip:400@10.40.0.224.",
                "Add a permitted SIP URL", "sip:400@10.40.0.224");
        f.radios("sip.incomingCalls.mode", "Who controls allowed callers",
                "A mode chosen here (v3.7.0) wins. Not chosen: the custom parameter "
                        + "intercom.default_server_controls_allowed_callers=true selects Managed by SIP Server.", MODES);
        f.checkbox("sip.incomingCalls.acceptDirectCalls", "Accept direct calls",
                "Also answer calls that do not come through the SIP server or proxy. Leave this off: a direct "
                        + "call's caller (its From) can be forged by anyone on the network, so a forged permitted "
                        + "SIP URL would reach the door. Cannot be combined with Managed by SIP Server.", null);
        f.raw("</div>");
    }

    private static void proxy(FormWriter f, JsonNode view) {
        f.raw("<h3>Proxy Configuration</h3><p class=\"help\">Configure Proxy Configuration only if your network requires "
                + "SIP traffic to traverse a proxy server before reaching the SIP server.</p>");
        f.checkbox("sip.proxy.enabled", "Use a proxy", null, "data-toggles=\"proxy-fields\"");
        f.raw("<div id=\"proxy-fields\"" + (f.bool("sip.proxy.enabled") ? "" : " hidden") + ">");
        f.input("sip.proxy.authUsername", "Authentication Username", "text",
                "Username to authenticate against the proxy server.", "autocomplete=\"off\"");
        f.password("sip.proxy.authPassword", "Authentication Password",
                "Password to authenticate against the proxy server.",
                view.path("sip").path("proxy").path("authPasswordSet").asBoolean(false));
        f.input("sip.proxy.address", "Domain Name / IP Address", "text",
                "IP address or domain name of the proxy server.", null);
        f.input("sip.proxy.port", "Port Number", "number", "Port the proxy server uses for incoming connections.",
                "min=\"1\" max=\"65535\"");
        f.raw("</div>");
    }

    private static final String[][] TONES = {
        {"EUROPE", "Europe (425 Hz)"}, {"NORTH_AMERICA", "North America (440+480 Hz)"}, {"UK", "United Kingdom (400+450 Hz)"}};

    private static void door(FormWriter f, JsonNode view) {
        f.raw("<details class=\"section\" id=\"door-configuration\"" + (f.bool("door.release.enabled") ? " open" : "")
                + "><summary>Door</summary><div class=\"section-body\">");
        f.checkbox("door.release.enabled", "Door release by DTMF code",
                "Lets the guard open the door from the phone by keying in the code during a call. After 3 wrong codes "
                        + "the rest of that call's digits are ignored; 10 wrong codes within 10 minutes lock it for 15 minutes.",
                null);
        f.password("door.release.dtmfCode", "Door code",
                "1 to 8 of the DTMF digits 0-9, * and #. It is never shown again; leave blank to keep the stored code.",
                view.path("door").path("release").path("dtmfCodeSet").asBoolean(false));
        f.input("door.release.pulseSeconds", "Door open time", "number",
                "Seconds the door relay stays energised (1-60).", "min=\"1\" max=\"60\"");
        java.util.Set<String> during = new java.util.HashSet<>();
        JsonNode chosen = f.value("door.release.during");
        if (chosen != null) {
            chosen.forEach(value -> during.add(value.asText()));
        }
        f.field("door.release.during", "The code works during", "door-release-during-incoming");
        f.raw("<fieldset class=\"field\"><legend>The code works during</legend>");
        for (String[] option : new String[][] {{"INCOMING", "Incoming calls"}, {"OUTGOING", "Outgoing calls"}}) {
            f.raw("<div class=\"check\"><input type=\"checkbox\" id=\"door-release-during-" + option[0].toLowerCase()
                    + "\" name=\"door.release.during\" value=\"" + option[0] + "\"" + (during.contains(option[0]) ? " checked" : "")
                    + "><label for=\"door-release-during-" + option[0].toLowerCase() + "\">" + option[1] + "</label></div>");
        }
        f.helpAndError("door.release.during", null);
        f.raw("</fieldset>");
        f.select("door.callProgressTones", "Call progress tones",
                "The ringback and busy tones the visitor hears at the door.", TONES, null);
        f.raw("</div></details>");
    }

    private static void customConfiguration(FormWriter f) {
        f.field("customConfiguration", "Custom Configuration", "custom-configuration");
        f.raw("<fieldset id=\"custom-configuration\"><legend>Custom Configuration</legend>"
                + "<p class=\"help\">Free parameters, name and value. For example, intercom.default_server_controls_allowed_callers "
                + "set to true lets the SIP server control allowed callers.</p><ol class=\"entries\" id=\"custom-configuration-entries\">");
        JsonNode custom = f.value("customConfiguration");
        int[] n = {0};
        if (custom != null && custom.isObject()) {
            custom.fields().forEachRemaining(e -> f.raw(customRow(++n[0], e.getKey(), e.getValue().asText())));
        }
        f.raw("</ol><template id=\"custom-configuration-template\">" + customRow(0, "", "") + "</template>"
                + "<button type=\"button\" data-add-entry=\"custom-configuration\">Add a Custom Configuration</button>");
        f.helpAndError("customConfiguration", null);
        f.raw("</fieldset>");
    }

    private static String customRow(int number, String name, String value) {
        String suffix = number == 0 ? "new" : Integer.toString(number);
        return "<li class=\"pair\"><label for=\"custom-name-" + suffix + "\">Parameter name</label><input id=\"custom-name-"
                + suffix + "\" name=\"" + SettingsFormReader.CUSTOM_NAME_FIELD + "\" value=\"" + esc(name)
                + "\"><label for=\"custom-value-" + suffix + "\">Value</label><input id=\"custom-value-" + suffix
                + "\" name=\"" + SettingsFormReader.CUSTOM_VALUE_FIELD + "\" value=\"" + esc(value) + "\">"
                + FormWriter.removeButton("Custom Configuration " + (number == 0 ? "" : Integer.toString(number))) + "</li>";
    }
}
