package rock.intercom.portal.pages;

import static rock.intercom.portal.pages.Html.esc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import rock.intercom.portal.Caller;
import rock.intercom.portal.DeviceControl;

/** Device Management → Devices: every device with its live registration and call state. */
public final class DevicesPage {

    private DevicesPage() {
    }

    public static String render(List<DeviceControl> devices, Caller caller) {
        // A central portal's devices report their link too (connection, last contact, unshipped events).
        List<ObjectNode> statuses = devices.stream().map(DeviceControl::status).toList();
        boolean linked = statuses.stream().anyMatch(status -> status.has("lastContact"));
        StringBuilder body = new StringBuilder();
        body.append("<h1>Devices</h1><p class=\"crumbs\">Device Management → Devices</p>")
                .append("<table class=\"grid\" data-live-devices><caption>Door devices (updated live)</caption>")
                .append("<thead><tr><th scope=\"col\">Device</th><th scope=\"col\">Id</th>")
                .append("<th scope=\"col\">Registration</th><th scope=\"col\">Call</th><th scope=\"col\">Screen</th>")
                .append(linked ? "<th scope=\"col\">Connection</th><th scope=\"col\">Last contact</th>"
                        + "<th scope=\"col\">Backlog</th>" : "")
                .append("</tr></thead><tbody>");
        if (devices.isEmpty()) {
            body.append("<tr><td colspan=\"5\">No devices.</td></tr>");
        }
        for (int i = 0; i < devices.size(); i++) {
            DeviceControl device = devices.get(i);
            ObjectNode status = statuses.get(i);
            body.append("<tr data-device=\"").append(esc(device.id())).append("\">")
                    .append("<td data-label=\"Device\"><a href=\"/devices/").append(esc(device.id())).append("\">")
                    .append(esc(device.name())).append("</a></td>")
                    .append("<td data-label=\"Id\">").append(esc(device.id())).append("</td>")
                    .append(cell(status, "registration"))
                    .append(cell(status, "call"))
                    .append(cell(status, "screen"))
                    .append(linked ? cell(status, "connection") + cell(status, "lastContact") + cell(status, "backlog") : "")
                    .append("</tr>");
        }
        body.append("</tbody></table>");
        return Layout.page("Devices", caller, "devices", body.toString());
    }

    private static String cell(ObjectNode status, String field) {
        String label = Character.toUpperCase(field.charAt(0)) + field.substring(1);
        String text = field.equals("registration") ? DevicePage.registration(status) : Html.statusText(status, field);
        return "<td data-label=\"" + label + "\" data-field=\"" + field + "\">" + esc(text) + "</td>";
    }
}
