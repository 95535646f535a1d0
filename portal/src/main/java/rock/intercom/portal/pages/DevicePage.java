package rock.intercom.portal.pages;

import static rock.intercom.portal.pages.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import rock.intercom.portal.Access;
import rock.intercom.portal.Caller;
import rock.intercom.portal.DeviceControl;

/**
 * One device: its screen (what the door shows) and the last call states with their times, pushed
 * live; registration with its reason; the Settings drop-down with Modify; the virtual call button
 * ("End call" during a call) for the guide's Test 1.
 */
public final class DevicePage {

    static final String PRESS = "Press the call button";
    static final String END = "End call";

    private DevicePage() {
    }

    public static String render(DeviceControl device, Caller caller, String notice) {
        ObjectNode status = device.status();
        boolean mayModify = caller.user().role().grants(Access.MODIFY);
        String base = "/devices/" + esc(device.id());
        StringBuilder body = new StringBuilder();
        body.append("<p class=\"crumbs\"><a href=\"/devices\">Device Management → Devices</a></p>")
                .append("<div class=\"title-row\"><h1>").append(esc(device.name())).append("</h1>");
        if (mayModify) {
            body.append("<details class=\"dropdown\"><summary>Settings</summary><ul>")
                    .append("<li><a href=\"").append(base).append("/modify\">Modify</a></li></ul></details>");
        }
        body.append("</div>");
        if (notice != null) {
            body.append("<p class=\"notice\" role=\"status\">").append(esc(notice)).append("</p>");
        }
        body.append("<section class=\"device\" data-device-status=\"").append(esc(device.id())).append("\">")
                .append("<h2>Screen</h2><div class=\"screen\" id=\"screen\" role=\"status\" aria-live=\"polite\" data-field=\"screen\">")
                .append(esc(Html.statusText(status, "screen"))).append("</div>")
                // The video the call receives, as the door's screen shows it; fetched every 1.5 s during a call.
                .append("<img class=\"call-video\" id=\"call-video\" hidden alt=\"The video the door receives in this call\" data-src=\"/api/v1")
                .append(base).append("/calls/current/video.jpg\">")
                .append("<h3 id=\"call-states-title\">Last call states</h3>")
                .append("<ol class=\"call-states\" id=\"call-states\" aria-labelledby=\"call-states-title\"></ol>")
                .append("<dl class=\"state\"><dt>Id</dt><dd>").append(esc(device.id())).append("</dd>")
                .append("<dt>Registration</dt><dd data-field=\"registration\">")
                .append(esc(registration(status))).append("</dd>")
                .append("<dt>Call</dt><dd data-field=\"call\">").append(esc(Html.statusText(status, "call")))
                .append("</dd><dt>Incoming calls</dt><dd id=\"incoming-mode\">")
                .append(esc(IncomingCallModeText.describe(device.settingsView()))).append("</dd></dl>");
        if (mayModify) {
            body.append("<form method=\"post\" action=\"").append(base).append("/button\">")
                    .append(Layout.csrfField(caller))
                    .append("<button type=\"submit\" class=\"call-button\" id=\"virtual-call-button\" data-press=\"")
                    .append(PRESS).append("\" data-end=\"").append(END).append("\">")
                    .append(inCall(status) ? END : PRESS).append("</button>")
                    .append("<p class=\"help\">A virtual press of the wired intercom button: starts a call, or ends the current one.</p>")
                    .append("</form>")
                    .append("<form method=\"post\" action=\"").append(base).append("/door\">")
                    .append(Layout.csrfField(caller))
                    .append("<button type=\"submit\" class=\"door-button\" id=\"open-door-button\">Open door</button>")
                    .append("<p class=\"help\">Pulses the door relay for the Door Release pulse length; recorded as Door Opened with your user name.</p>")
                    .append("</form>")
                    .append("<h3>Camera</h3><button type=\"button\" id=\"camera-button\" data-src=\"/api/v1").append(base)
                    .append("/camera.jpg\">Show the camera's view</button>")
                    .append("<p class=\"help\">A picture of what the door's camera sees now, at the size video calls send: for aiming it. Works without a call.</p>")
                    .append("<p id=\"camera-problem\" class=\"field-error\" role=\"status\" hidden></p>")
                    .append("<img class=\"camera-view\" id=\"camera-view\" hidden alt=\"What the door's camera sees\">");
        }
        body.append("</section>");
        return Layout.page(device.name(), caller, "devices", body.toString());
    }

    /** The registration state, with why when it is not registered ({@code UNREGISTERED — 403 Forbidden}). */
    static String registration(JsonNode status) {
        String state = Html.statusText(status, "registration");
        JsonNode reason = status.path("registration").path("reason");
        return reason.isTextual() && !reason.asText().isBlank() ? state + " — " + reason.asText() : state;
    }

    /** A call is being set up or held: the call state is neither idle nor failed. */
    static boolean inCall(JsonNode status) {
        String state = Html.statusText(status, "call").toUpperCase(java.util.Locale.ROOT);
        return !state.equals("IDLE") && !state.equals("FAILED") && !state.equals("—");
    }
}
