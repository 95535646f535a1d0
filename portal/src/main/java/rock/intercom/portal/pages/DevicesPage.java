package rock.intercom.portal.pages;

import static rock.intercom.portal.pages.Html.esc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import rock.intercom.portal.Access;
import rock.intercom.portal.Caller;
import rock.intercom.portal.DeviceControl;

/**
 * Device Management → Devices: every device with its live registration and call state. On a
 * central portal ({@code enrolment}) also each device's link (connection, last contact, event
 * backlog), a Revoke button per device, and the form that makes a one-time enrolment token.
 */
public final class DevicesPage {

    /** A token just made, shown this once with the command line that uses it. */
    public record NewEnrolmentToken(String token, String portalUrl, long validHours) {
    }

    private DevicesPage() {
    }

    public static String render(List<DeviceControl> devices, Caller caller) {
        return render(devices, caller, false, null, null);
    }

    public static String render(List<DeviceControl> devices, Caller caller, boolean enrolment, String notice,
            NewEnrolmentToken created) {
        // A central portal's devices report their link too (connection, last contact, unshipped events).
        List<ObjectNode> statuses = devices.stream().map(DeviceControl::status).toList();
        boolean linked = enrolment || statuses.stream().anyMatch(status -> status.has("lastContact"));
        boolean admin = enrolment && caller.user().role().grants(Access.MODIFY);
        List<String> fields = new ArrayList<>(List.of("registration", "call", "screen"));
        if (linked) {
            fields.addAll(List.of("connection", "lastContact", "backlog"));
        }
        StringBuilder body = new StringBuilder();
        body.append("<h1>Devices</h1><p class=\"crumbs\">Device Management → Devices</p>");
        if (notice != null) {
            body.append("<p class=\"notice\" role=\"status\">").append(esc(notice)).append("</p>");
        }
        if (created != null) {
            body.append(newToken(created));
        }
        body.append("<div class=\"table-wrap\"><table class=\"grid\" data-live-devices data-fields=\"")
                .append(String.join(" ", fields)).append("\"").append(admin ? " data-revocable" : "")
                .append("><caption>Door devices (updated live)</caption>")
                .append("<thead><tr><th scope=\"col\">Device</th><th scope=\"col\">Id</th>");
        for (String field : fields) {
            body.append("<th scope=\"col\">").append(label(field)).append("</th>");
        }
        body.append(admin ? "<th scope=\"col\">Credential</th>" : "").append("</tr></thead><tbody>");
        if (devices.isEmpty()) {
            body.append("<tr class=\"empty\"><td colspan=\"").append(fields.size() + 2).append("\">No devices.</td></tr>");
        }
        for (int i = 0; i < devices.size(); i++) {
            DeviceControl device = devices.get(i);
            ObjectNode status = statuses.get(i);
            body.append("<tr data-device=\"").append(esc(device.id())).append("\">")
                    .append("<td data-label=\"Device\"><a href=\"/devices/").append(esc(device.id())).append("\">")
                    .append(esc(device.name())).append("</a></td>")
                    .append("<td data-label=\"Id\">").append(esc(device.id())).append("</td>");
            for (String field : fields) {
                body.append(cell(status, field));
            }
            if (admin) {
                body.append("<td data-label=\"Credential\">").append(revokeForm(device, caller)).append("</td>");
            }
            body.append("</tr>");
        }
        body.append("</tbody></table></div>");
        if (admin) {
            body.append("<h2>Enrol a device</h2><form method=\"post\" action=\"/devices/enrolment-tokens\" ")
                    .append("id=\"create-enrolment-token\">").append(Layout.csrfField(caller))
                    .append("<p class=\"help\">Makes a one-time enrolment token, valid 24 hours. The door connects ")
                    .append("out to this portal with it and gets its own credential.</p>")
                    .append("<button type=\"submit\" class=\"primary\">Create enrolment token</button></form>");
        }
        return Layout.page("Devices", caller, "devices", body.toString());
    }

    private static String newToken(NewEnrolmentToken created) {
        String command = "./intercom device --config door.yaml --portal-url " + created.portalUrl()
                + " --enrolment-token " + created.token();
        return "<div class=\"notice\" role=\"status\" id=\"new-enrolment-token\"><p>Enrolment token created, valid "
                + created.validHours() + " hours and for one device. Copy it now: it is shown only this once.</p>"
                + "<p><code id=\"enrolment-token\">" + esc(created.token()) + "</code></p>"
                + "<p>On the door:</p><pre><code id=\"enrolment-command\">" + esc(command) + "</code></pre>"
                + "<button type=\"button\" data-copy=\"enrolment-command\">Copy command line</button></div>";
    }

    private static String revokeForm(DeviceControl device, Caller caller) {
        return "<form method=\"post\" action=\"/devices/" + esc(device.id()) + "/revoke\" class=\"inline-form\" "
                + "data-confirm=\"Revoke " + esc(device.name()) + "? It is disconnected and must enrol again.\">"
                + Layout.csrfField(caller) + "<button type=\"submit\" aria-label=\"Revoke " + esc(device.name())
                + "\">Revoke</button></form>";
    }

    private static String label(String field) {
        return field.equals("lastContact") ? "Last contact" : Character.toUpperCase(field.charAt(0)) + field.substring(1);
    }

    private static String cell(ObjectNode status, String field) {
        String text = field.equals("registration") ? DevicePage.registration(status) : Html.statusText(status, field);
        return "<td data-label=\"" + label(field) + "\" data-field=\"" + field + "\">" + esc(text) + "</td>";
    }
}
