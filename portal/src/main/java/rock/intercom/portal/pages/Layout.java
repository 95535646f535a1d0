package rock.intercom.portal.pages;

import static rock.intercom.portal.pages.Html.esc;

import rock.intercom.portal.Caller;

/** The frame of every signed-in page: the left menu (Device Management → Devices, Security Events). */
public final class Layout {

    private Layout() {
    }

    public static String page(String title, Caller caller, String active, String body) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append(" · Rock Intercom Admin Portal</title>")
                .append("<link rel=\"stylesheet\" href=\"/assets/portal.css\">");
        if (caller != null) {
            html.append("<meta name=\"csrf-token\" content=\"").append(esc(caller.csrfToken())).append("\">");
        }
        html.append("<script src=\"/assets/portal.js\" defer></script></head><body>");
        if (caller != null) {
            html.append("<header class=\"top\"><span class=\"brand\">Rock Intercom · Admin Portal</span>")
                    .append("<span class=\"who\">Signed in as <strong>").append(esc(caller.user().username()))
                    .append("</strong> (").append(roleLabel(caller)).append(")</span>")
                    .append("<form method=\"post\" action=\"/sign-out\" class=\"inline\">")
                    .append(csrfField(caller))
                    .append("<button type=\"submit\">Sign out</button></form></header>");
            html.append("<nav class=\"menu\" aria-label=\"Main menu\"><p class=\"menu-group\">Device Management</p><ul>")
                    .append(item("/devices", "Devices", "devices".equals(active)))
                    .append("</ul><ul>")
                    .append(item("/security-events", "Security Events", "security-events".equals(active)))
                    .append("</ul><ul>");
            if (caller.user().role().grants(rock.intercom.portal.Access.MODIFY)) {
                html.append(item("/users", "Users", "users".equals(active)))
                        .append(item("/api-tokens", "API tokens", "api-tokens".equals(active)));
            }
            html.append(item("/account/password", "Change my password", "account".equals(active)))
                    .append("</ul></nav>");
        }
        html.append("<main id=\"main\">").append(body).append("</main></body></html>");
        return html.toString();
    }

    public static String csrfField(Caller caller) {
        return "<input type=\"hidden\" name=\"_csrf\" value=\"" + esc(caller.csrfToken()) + "\">";
    }

    private static String roleLabel(Caller caller) {
        return roleLabel(caller.user().role());
    }

    static String roleLabel(rock.intercom.portal.Role role) {
        return switch (role) {
            case ACCOUNT_ADMINISTRATOR -> "Account Administrator";
            case VIEWER -> "Viewer";
        };
    }

    private static String item(String href, String label, boolean active) {
        return "<li><a href=\"" + href + "\"" + (active ? " aria-current=\"page\"" : "") + ">" + esc(label)
                + "</a></li>";
    }
}
