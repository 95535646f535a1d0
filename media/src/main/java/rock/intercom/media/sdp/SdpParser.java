package rock.intercom.media.sdp;

import java.util.ArrayList;
import java.util.List;
import rock.intercom.media.ParseResult;

/**
 * Parses SDP text (RFC 4566 §5) into a {@link SessionDescription}. Strict where a wrong value
 * would break the call (version, origin, media lines, ports, addresses), lenient about lines it
 * does not use (b=, k=, r=, z=, i=, u=, e=, p= are skipped). Never throws on bad input.
 */
public final class SdpParser {
    /** Upper bound on accepted SDP text; an INVITE body larger than this is refused. */
    public static final int MAX_LENGTH = 16 * 1024;
    private static final int MAX_MEDIA = 16;
    /** b= lines kept per media section; a section needs one or two (AS, TIAS). */
    private static final int MAX_BANDWIDTHS = 4;

    private SdpParser() {
    }

    public static ParseResult<SessionDescription> parse(String text) {
        if (text == null || text.isBlank()) {
            return ParseResult.malformed("empty SDP");
        }
        if (text.length() > MAX_LENGTH) {
            return ParseResult.malformed("SDP longer than " + MAX_LENGTH + " characters");
        }
        String[] lines = text.split("\r?\n");
        String originUser = null;
        String sessionId = null;
        long sessionVersion = 0;
        String originAddress = null;
        String sessionName = null;
        String sessionConnection = null;
        boolean sawTiming = false;
        List<SdpAttribute> sessionAttributes = new ArrayList<>();
        List<MediaDescription> media = new ArrayList<>();
        MediaBuilder current = null;
        int lineNo = 0;
        for (String raw : lines) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=') {
                return ParseResult.malformed("line " + lineNo + " is not type=value");
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            if (lineNo == 1 && !(type == 'v' && value.equals("0"))) {
                return ParseResult.malformed("SDP must start with v=0");
            }
            switch (type) {
                case 'v' -> {
                    if (lineNo != 1) {
                        return ParseResult.malformed("v= line " + lineNo + " out of place");
                    }
                }
                case 'o' -> {
                    String[] f = value.split(" +");
                    if (f.length != 6 || !f[3].equals("IN")) {
                        return ParseResult.malformed("bad o= line");
                    }
                    try {
                        sessionVersion = Long.parseLong(f[2]);
                    } catch (NumberFormatException e) {
                        return ParseResult.malformed("bad o= session version");
                    }
                    originUser = f[0];
                    sessionId = f[1];
                    originAddress = f[5];
                }
                case 's' -> sessionName = value;
                case 't' -> sawTiming = true;
                case 'c' -> {
                    String address = parseConnection(value);
                    if (address == null) {
                        return ParseResult.malformed("bad c= line: " + value);
                    }
                    if (current == null) {
                        sessionConnection = address;
                    } else {
                        current.connection = address;
                    }
                }
                case 'm' -> {
                    if (media.size() + (current == null ? 0 : 1) >= MAX_MEDIA) {
                        return ParseResult.malformed("more than " + MAX_MEDIA + " media sections");
                    }
                    if (current != null) {
                        media.add(current.build());
                    }
                    String[] f = value.split(" +");
                    if (f.length < 4) {
                        return ParseResult.malformed("bad m= line: " + value);
                    }
                    int port;
                    try {
                        // "port/count" is allowed by RFC 4566 §5.14; we use the first port.
                        // Limit -1: a port of "/" alone splits into empty strings, not into nothing (found by fuzzing).
                        port = Integer.parseInt(f[1].split("/", -1)[0]);
                    } catch (NumberFormatException e) {
                        return ParseResult.malformed("bad m= port: " + f[1]);
                    }
                    if (port < 0 || port > 65535) {
                        return ParseResult.malformed("m= port out of range: " + port);
                    }
                    current = new MediaBuilder(f[0], port, f[2], List.of(f).subList(3, f.length));
                }
                case 'a' -> {
                    int colon = value.indexOf(':');
                    SdpAttribute a = colon < 0 ? SdpAttribute.property(value)
                        : SdpAttribute.of(value.substring(0, colon), value.substring(colon + 1));
                    if (a.name().isEmpty()) {
                        return ParseResult.malformed("empty attribute name");
                    }
                    if (current == null) {
                        sessionAttributes.add(a);
                    } else {
                        current.attributes.add(a);
                    }
                }
                case 'b' -> {
                    if (current != null && current.bandwidths.size() < MAX_BANDWIDTHS) {
                        current.bandwidths.add(value);
                    }
                }
                case 'k', 'r', 'z', 'i', 'u', 'e', 'p' -> {
                    // Not used by the intercom.
                }
                default -> {
                    return ParseResult.malformed("unknown line type '" + type + "'");
                }
            }
        }
        if (current != null) {
            media.add(current.build());
        }
        if (originUser == null) {
            return ParseResult.malformed("missing o= line");
        }
        if (sessionName == null) {
            return ParseResult.malformed("missing s= line");
        }
        if (!sawTiming) {
            return ParseResult.malformed("missing t= line");
        }
        for (MediaDescription m : media) {
            if (m.port() != 0 && m.connectionAddress() == null && sessionConnection == null) {
                return ParseResult.malformed("m=" + m.media() + " has no c= address");
            }
        }
        return ParseResult.parsed(new SessionDescription(originUser, sessionId, sessionVersion, originAddress,
            sessionName, sessionConnection, sessionAttributes, media));
    }

    /** Returns the address of "IN IP4 addr[/ttl]" or null. */
    private static String parseConnection(String value) {
        String[] f = value.split(" +");
        if (f.length != 3 || !f[0].equals("IN") || !(f[1].equals("IP4") || f[1].equals("IP6"))) {
            return null;
        }
        String address = f[2].split("/", -1)[0];
        return address.isEmpty() ? null : address;
    }

    private static final class MediaBuilder {
        private final String media;
        private final int port;
        private final String protocol;
        private final List<String> formats;
        private final List<SdpAttribute> attributes = new ArrayList<>();
        private final List<String> bandwidths = new ArrayList<>();
        private String connection;

        MediaBuilder(String media, int port, String protocol, List<String> formats) {
            this.media = media;
            this.port = port;
            this.protocol = protocol;
            this.formats = formats;
        }

        MediaDescription build() {
            return new MediaDescription(media, port, protocol, formats, connection, attributes, bandwidths);
        }
    }
}
