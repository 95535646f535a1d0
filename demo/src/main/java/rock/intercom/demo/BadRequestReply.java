package rock.intercom.demo;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The 400 Bad Request for a request the parser rejected, written as text because the request
 * never became a message object (RFC 3261 §8.2.6.1, §21.4.1): Via, From, To (tagged), Call-ID and
 * CSeq are copied as received, the problem goes into a Warning (RFC 3261 §20.43, code 399). Without
 * those five headers no response can be routed, so none is built. Pure and stateless.
 */
public final class BadRequestReply {
    static final int MAX_WARNING = 120;
    private static final List<String> COPIED = List.of("via", "from", "to", "call-id", "cseq");

    private BadRequestReply() {
    }

    /** The response text, or empty when the request is an ACK, a response, or lacks routing headers. */
    public static Optional<String> build(String raw, String problem, String serverHost) {
        if (raw == null || raw.startsWith("SIP/") || raw.startsWith("ACK ")) {
            return Optional.empty(); // never answer responses; ACK gets no response (§17.2.3)
        }
        List<String> vias = new ArrayList<>();
        String from = null;
        String to = null;
        String callId = null;
        String cseq = null;
        String[] lines = raw.split("\r?\n", -1);
        for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0 || Character.isWhitespace(line.charAt(0))) {
                continue; // folded continuation or junk: not one of the copied headers
            }
            String name = canonical(line.substring(0, colon).strip().toLowerCase(Locale.ROOT));
            String value = line.substring(colon + 1).strip();
            switch (name) {
                case "via" -> vias.add(value);
                case "from" -> from = value;
                case "to" -> to = value;
                case "call-id" -> callId = value;
                case "cseq" -> cseq = value;
                default -> {
                    // not copied
                }
            }
        }
        if (vias.isEmpty() || from == null || to == null || callId == null || cseq == null) {
            return Optional.empty();
        }
        if (!to.toLowerCase(Locale.ROOT).contains(";tag=")) {
            to = to + ";tag=" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        }
        StringBuilder sb = new StringBuilder("SIP/2.0 400 Bad Request\r\n");
        vias.forEach(v -> sb.append("Via: ").append(v).append("\r\n"));
        sb.append("From: ").append(from).append("\r\n");
        sb.append("To: ").append(to).append("\r\n");
        sb.append("Call-ID: ").append(callId).append("\r\n");
        sb.append("CSeq: ").append(cseq).append("\r\n");
        sb.append("Warning: 399 ").append(serverHost).append(" \"").append(warningText(problem)).append("\"\r\n");
        sb.append("Server: ").append(PbxSignalling.SERVER).append("\r\n");
        sb.append("Content-Length: 0\r\n\r\n");
        return Optional.of(sb.toString());
    }

    /**
     * Host and port of the topmost Via's sent-by (RFC 3261 §18.2.2: where a response goes when the
     * packet's source is not known), port 5060 when absent; empty when there is no usable Via.
     */
    public static Optional<InetSocketAddress> viaSentBy(String raw) {
        String[] lines = raw.split("\r?\n", -1);
        for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0 || !canonical(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT)).equals("via")) {
                continue;
            }
            // "SIP/2.0/UDP host[:port][;params]"
            String[] parts = lines[i].substring(colon + 1).strip().split("\\s+", 2);
            if (parts.length < 2) {
                return Optional.empty();
            }
            String sentBy = parts[1].split("[;,]", 2)[0].strip();
            String host = sentBy;
            int port = 5060;
            int portColon = sentBy.lastIndexOf(':');
            if (portColon > 0 && !sentBy.endsWith("]")) {
                host = sentBy.substring(0, portColon);
                try {
                    port = Integer.parseInt(sentBy.substring(portColon + 1));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
            if (host.isEmpty() || port <= 0 || port > 65535) {
                return Optional.empty();
            }
            return Optional.of(InetSocketAddress.createUnresolved(host.replace("[", "").replace("]", ""), port));
        }
        return Optional.empty();
    }

    /** Compact header forms (RFC 3261 §7.3.3) mapped to full names. */
    private static String canonical(String name) {
        return switch (name) {
            case "v" -> "via";
            case "f" -> "from";
            case "t" -> "to";
            case "i" -> "call-id";
            default -> name;
        };
    }

    /** One printable line without quotes or backslashes, bounded: safe inside a quoted-string. */
    static String warningText(String problem) {
        String line = problem == null ? "" : problem.strip().lines().findFirst().orElse("");
        if (line.startsWith("[C@")) {
            line = ""; // JAIN-SIP's lexer prints a char[] identity here: no information
        }
        StringBuilder sb = new StringBuilder();
        for (char c : line.toCharArray()) {
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                sb.append(c);
            }
            if (sb.length() >= MAX_WARNING) {
                break;
            }
        }
        return sb.length() == 0 ? "Malformed request" : "Malformed request: " + sb;
    }
}
