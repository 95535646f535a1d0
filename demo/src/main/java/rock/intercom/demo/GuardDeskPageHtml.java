package rock.intercom.demo;

import java.util.List;

/** The guard desk page's HTML: the desk's state and one button per control. Pure. */
final class GuardDeskPageHtml {

    /**
     * What the page shows.
     *
     * @param heardDbfs the level of the door's audio at the desk over the last second; null when none arrives
     * @param notice    what the last control did; null on a plain view
     * @param doorVideo where the door's picture is, while a video call shows one; null otherwise
     */
    record View(String desk, String door, String unknownCaller, GuardDeskMode mode, List<String> calls,
                boolean doorRegistered, Double heardDbfs, String token, String notice, String doorVideo) {
    }

    private GuardDeskPageHtml() {
    }

    static String render(View v) {
        StringBuilder html = new StringBuilder(2048);
        // After a control the page goes back to the plain view, so a reload never repeats the control.
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .append("<meta http-equiv=\"refresh\" content=\"").append(v.notice() == null ? "2" : "2;url=/")
            .append("\"><title>Demo guard desk ").append(esc(v.desk())).append("</title><style>")
            .append("body{font-family:sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem}")
            .append("form{display:inline}button{margin:.2rem;padding:.5rem .8rem}")
            .append(".notice{background:#eef;padding:.5rem}</style></head><body>")
            .append("<h1>Demo guard desk ").append(esc(v.desk())).append("</h1>");
        if (v.notice() != null) {
            html.append("<p class=\"notice\" id=\"notice\">").append(esc(v.notice())).append("</p>");
        }
        html.append("<p>Door ").append(esc(v.door())).append(": ")
            .append(v.doorRegistered() ? "registered" : "not registered").append("<br>Guard desk: ")
            .append(v.mode() == GuardDeskMode.BUSY ? "busy (486 Busy Here)" : "answers after one ring")
            .append("<br>Hearing the door: <span id=\"heard\">")
            .append(v.heardDbfs() == null ? "nothing" : String.format("%.0f dBFS", v.heardDbfs()))
            .append("</span></p>");
        if (v.doorVideo() != null) {
            html.append("<img id=\"door-video\" src=\"").append(esc(v.doorVideo()))
                .append("\" alt=\"What the door's camera sends\" style=\"max-width:100%\">");
        }
        html.append("<h2>Calls</h2><ul id=\"calls\">");
        if (v.calls().isEmpty()) {
            html.append("<li>none</li>");
        }
        v.calls().forEach(c -> html.append("<li>").append(esc(c)).append("</li>"));
        html.append("</ul><h2>Controls</h2>");
        button(html, v, "/hang-up", "Guard hangs up");
        button(html, v, "/call-door", "Guard calls the door");
        button(html, v, "/call-door-unknown", "Extension " + v.unknownCaller() + " calls the door");
        button(html, v, "/silence", "Line goes silent");
        button(html, v, v.mode() == GuardDeskMode.BUSY ? "/answers" : "/busy",
            v.mode() == GuardDeskMode.BUSY ? "Guard desk answers" : "Guard desk is busy");
        html.append("<p>Each control makes one row of the guide's events table happen; see Security Events in the ")
            .append("Admin Portal. This page is the demo PBX's, on 127.0.0.1 only.</p></body></html>");
        return html.toString();
    }

    private static void button(StringBuilder html, View v, String action, String label) {
        html.append("<form method=\"post\" action=\"").append(action).append("\">")
            .append("<input type=\"hidden\" name=\"token\" value=\"").append(esc(v.token())).append("\">")
            .append("<button>").append(esc(label)).append("</button></form>");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
