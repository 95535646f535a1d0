package rock.intercom.portal.pages;

import static rock.intercom.portal.pages.Html.esc;

import rock.intercom.portal.Caller;

/** A refused or failed request, explained in the portal's frame. */
public final class ErrorPage {

    private ErrorPage() {
    }

    public static String render(int status, String message, Caller caller) {
        String title = switch (status) {
            case 400 -> "Bad request";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 429 -> "Too many attempts";
            default -> status >= 500 ? "Something went wrong" : "Request refused";
        };
        return Layout.page(title, caller, "",
                "<h1>" + esc(title) + "</h1><p class=\"problem\" role=\"alert\">" + esc(message) + "</p>"
                        + "<p><a href=\"/devices\">Back to Devices</a></p>");
    }
}
