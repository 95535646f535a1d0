package rock.intercom.media.sdp;

import java.util.List;

/**
 * A parsed or generated SDP session description (RFC 4566 §5). Only the fields the intercom uses
 * are modelled; {@link #toSdp()} writes them in the order RFC 4566 §5 requires.
 *
 * @param originUser        o= username
 * @param sessionId         o= sess-id
 * @param sessionVersion    o= sess-version (incremented on every new offer, RFC 3264 §8)
 * @param originAddress     o= unicast address (IP4 or IP6 literal)
 * @param sessionName       s=
 * @param connectionAddress session-level c= address, or {@code null}
 * @param attributes        session-level attributes
 * @param media             media sections in order
 */
public record SessionDescription(String originUser, String sessionId, long sessionVersion, String originAddress,
                                 String sessionName, String connectionAddress, List<SdpAttribute> attributes,
                                 List<MediaDescription> media) {
    public SessionDescription {
        attributes = List.copyOf(attributes);
        media = List.copyOf(media);
    }

    /** The c= address that applies to {@code m}: its own or the session's (RFC 4566 §5.7). */
    public String connectionAddressOf(MediaDescription m) {
        return m.connectionAddress() != null ? m.connectionAddress() : connectionAddress;
    }

    /** Serializes with CRLF line ends. */
    public String toSdp() {
        StringBuilder sb = new StringBuilder();
        line(sb, "v", "0");
        line(sb, "o", originUser + " " + sessionId + " " + sessionVersion + " IN " + addrType(originAddress) + " "
            + originAddress);
        line(sb, "s", sessionName.isEmpty() ? "-" : sessionName);
        if (connectionAddress != null) {
            line(sb, "c", "IN " + addrType(connectionAddress) + " " + connectionAddress);
        }
        line(sb, "t", "0 0");
        for (SdpAttribute a : attributes) {
            line(sb, "a", a.toLineValue());
        }
        for (MediaDescription m : media) {
            line(sb, "m", m.media() + " " + m.port() + " " + m.protocol() + " " + String.join(" ", m.formats()));
            if (m.connectionAddress() != null) {
                line(sb, "c", "IN " + addrType(m.connectionAddress()) + " " + m.connectionAddress());
            }
            for (String b : m.bandwidths()) {
                line(sb, "b", b);
            }
            for (SdpAttribute a : m.attributes()) {
                line(sb, "a", a.toLineValue());
            }
        }
        return sb.toString();
    }

    private static String addrType(String address) {
        return address.contains(":") ? "IP6" : "IP4";
    }

    private static void line(StringBuilder sb, String type, String value) {
        sb.append(type).append('=').append(value).append("\r\n");
    }
}
