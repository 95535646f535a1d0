package rock.intercom.portal.pages;

import com.fasterxml.jackson.databind.JsonNode;

/** HTML escaping and the few markup helpers every page uses. */
public final class Html {

    private Html() {
    }

    /** Escapes text for element content and double-quoted attribute values. */
    public static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A field path such as {@code sip.server.port} as an element id: {@code sip-server-port}. */
    public static String id(String path) {
        return path.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    /** What a status field says, for a table cell: text as is, an object's {@code state}, or a dash. */
    public static String statusText(JsonNode status, String field) {
        JsonNode node = status == null ? null : status.get(field);
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "—";
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        if (node.has("state")) {
            return node.get("state").asText();
        }
        return node.toString();
    }
}
