package rock.intercom.portal.pages;

import static rock.intercom.portal.pages.Html.esc;

import java.util.List;
import rock.intercom.portal.Caller;
import rock.intercom.portal.Role;
import rock.intercom.portal.auth.PortalUser;

/**
 * Users (Account Administrators only): every portal user with their role, a password reset and
 * removal, and a form to add one; and "Change my password" for everyone. Passwords are never
 * shown, not even after a rejected submit.
 */
public final class UsersPage {

    private UsersPage() {
    }

    public static String render(List<PortalUser> users, Caller caller, String notice, String problem) {
        StringBuilder body = new StringBuilder("<h1>Users</h1>");
        messages(body, notice, problem);
        body.append("<div class=\"table-wrap\"><table class=\"grid users\" id=\"users\"><caption>Admin Portal users</caption>")
                .append("<thead><tr><th scope=\"col\">User</th><th scope=\"col\">Role</th><th scope=\"col\">Password</th>")
                .append("<th scope=\"col\">Remove</th></tr></thead><tbody>");
        for (PortalUser user : users) {
            String name = esc(user.username());
            String action = "/users/" + name;
            boolean self = user.username().equals(caller.user().username());
            body.append("<tr data-user=\"").append(name).append("\"><td data-label=\"User\">").append(name)
                    .append(self ? " (you)" : "").append("</td><td data-label=\"Role\">")
                    .append("<form method=\"post\" action=\"").append(action).append("/role\" class=\"inline-form\">")
                    .append(Layout.csrfField(caller)).append("<label class=\"visually-hidden\" for=\"role-").append(name)
                    .append("\">Role of ").append(name).append("</label><select id=\"role-").append(name)
                    .append("\" name=\"role\">").append(roleOptions(user.role())).append("</select> ")
                    .append("<button type=\"submit\">Set role</button></form></td><td data-label=\"Password\">")
                    .append("<form method=\"post\" action=\"").append(action).append("/password\" class=\"inline-form\">")
                    .append(Layout.csrfField(caller)).append("<label class=\"visually-hidden\" for=\"password-").append(name)
                    .append("\">New password for ").append(name).append("</label><input type=\"password\" id=\"password-")
                    .append(name).append("\" name=\"password\" autocomplete=\"new-password\" minlength=\"8\" ")
                    .append("placeholder=\"New password\"> <button type=\"submit\">Reset password</button></form></td>")
                    .append("<td data-label=\"Remove\">");
            if (!self) {
                body.append("<form method=\"post\" action=\"").append(action).append("/remove\" class=\"inline-form\">")
                        .append(Layout.csrfField(caller)).append("<button type=\"submit\" class=\"danger\" aria-label=\"Remove ")
                        .append(name).append("\">Remove</button></form>");
            }
            body.append("</td></tr>");
        }
        body.append("</tbody></table></div>");
        body.append("<h2>Add a user</h2><form method=\"post\" action=\"/users\" id=\"add-user\">").append(Layout.csrfField(caller))
                .append("<div class=\"field\"><label for=\"new-username\">User name</label><input id=\"new-username\" name=\"username\" ")
                .append("autocomplete=\"off\" aria-describedby=\"new-username-help\"><p class=\"help\" id=\"new-username-help\">")
                .append("1-64 letters, digits, '.', '_' or '-'.</p></div>")
                .append("<div class=\"field\"><label for=\"new-role\">Role</label><select id=\"new-role\" name=\"role\">")
                .append(roleOptions(Role.VIEWER)).append("</select></div>")
                .append(newPasswordField("new-password", "Password", "At least 8 characters."))
                .append("<button type=\"submit\" class=\"primary\">Add user</button></form>");
        return Layout.page("Users", caller, "users", body.toString());
    }

    public static String changePassword(Caller caller, String notice, String problem) {
        StringBuilder body = new StringBuilder("<h1>Change my password</h1>");
        messages(body, notice, problem);
        body.append("<form method=\"post\" action=\"/account/password\" id=\"change-password\">").append(Layout.csrfField(caller))
                .append("<div class=\"field\"><label for=\"current-password\">Current password</label>")
                .append("<input type=\"password\" id=\"current-password\" name=\"current\" autocomplete=\"current-password\"></div>")
                .append(newPasswordField("new-own-password", "New password",
                        "At least 8 characters. Your other sessions are signed out."))
                .append("<button type=\"submit\" class=\"primary\">Change password</button></form>");
        return Layout.page("Change my password", caller, "account", body.toString());
    }

    /**
     * A field for a new password, its rule as help text: the browser checks the length before it
     * posts, the server checks again. The add-user form and the own-password form use it alike.
     */
    private static String newPasswordField(String id, String label, String help) {
        return "<div class=\"field\"><label for=\"" + id + "\">" + label + "</label><input type=\"password\" id=\""
                + id + "\" name=\"password\" autocomplete=\"new-password\" minlength=\"8\" aria-describedby=\"" + id
                + "-help\"><p class=\"help\" id=\"" + id + "-help\">" + help + "</p></div>";
    }

    private static void messages(StringBuilder body, String notice, String problem) {
        if (notice != null) {
            body.append("<p class=\"notice\" role=\"status\">").append(esc(notice)).append("</p>");
        }
        if (problem != null) {
            body.append("<p class=\"problem\" role=\"alert\">").append(esc(problem)).append("</p>");
        }
    }

    private static String roleOptions(Role selected) {
        StringBuilder out = new StringBuilder();
        for (Role role : Role.values()) {
            out.append("<option value=\"").append(role.name()).append("\"").append(role == selected ? " selected" : "")
                    .append(">").append(Layout.roleLabel(role)).append("</option>");
        }
        return out.toString();
    }
}
