package rock.intercom.portal.pages;

import static rock.intercom.portal.pages.Html.esc;

/** The sign-in form. Its CSRF token is the pre-session cookie's value (double submit). */
public final class SignInPage {

    private SignInPage() {
    }

    public static String render(String token, String username, String problem) {
        StringBuilder body = new StringBuilder();
        body.append("<section class=\"sign-in\"><h1>Sign in to the Admin Portal</h1>");
        if (problem != null) {
            body.append("<p class=\"problem\" role=\"alert\">").append(esc(problem)).append("</p>");
        }
        body.append("<form method=\"post\" action=\"/sign-in\">")
                .append("<input type=\"hidden\" name=\"_csrf\" value=\"").append(esc(token)).append("\">")
                .append("<div class=\"field\"><label for=\"username\">User name</label>")
                .append("<input id=\"username\" name=\"username\" autocomplete=\"username\" required value=\"")
                .append(esc(username)).append("\"></div>")
                .append("<div class=\"field\"><label for=\"password\">Password</label>")
                .append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></div>")
                .append("<button type=\"submit\" class=\"primary\">Sign in</button></form></section>");
        return Layout.page("Sign in", null, "", body.toString());
    }
}
