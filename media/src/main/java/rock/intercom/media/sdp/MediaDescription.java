package rock.intercom.media.sdp;

import java.util.List;
import java.util.Optional;

/**
 * One media section (RFC 4566 §5.14 {@code m=} line with its {@code c=} and {@code a=} lines).
 *
 * @param media             "audio", "video", ...
 * @param port              transport port; 0 means the stream is rejected or disabled (RFC 3264 §6)
 * @param protocol          e.g. "RTP/AVP" or "RTP/SAVP"
 * @param formats           payload type numbers as written
 * @param connectionAddress media-level {@code c=} address, or {@code null} to use the session one
 * @param attributes        media-level attributes in order
 * @param bandwidths        media-level {@code b=} values (RFC 4566 §5.8), e.g. {@code AS:512}
 */
public record MediaDescription(String media, int port, String protocol, List<String> formats,
                               String connectionAddress, List<SdpAttribute> attributes, List<String> bandwidths) {
    public MediaDescription {
        formats = List.copyOf(formats);
        attributes = List.copyOf(attributes);
        bandwidths = List.copyOf(bandwidths);
    }

    /** A section without {@code b=} lines. */
    public MediaDescription(String media, int port, String protocol, List<String> formats, String connectionAddress,
                            List<SdpAttribute> attributes) {
        this(media, port, protocol, formats, connectionAddress, attributes, List.of());
    }

    /** The {@code b=AS} value in kbit/s (RFC 4566 §5.8), or -1 when there is none or it does not parse. */
    public int applicationSpecificKbps() {
        for (String b : bandwidths) {
            if (b.regionMatches(true, 0, "AS:", 0, 3)) {
                try {
                    return Integer.parseInt(b.substring(3).trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** All values of attribute {@code name}, in order. */
    public List<String> attributeValues(String name) {
        return attributes.stream().filter(a -> a.name().equalsIgnoreCase(name) && a.value() != null)
            .map(SdpAttribute::value).toList();
    }

    public boolean hasProperty(String name) {
        return attributes.stream().anyMatch(a -> a.name().equalsIgnoreCase(name));
    }

    public Optional<String> attribute(String name) {
        return attributeValues(name).stream().findFirst();
    }

    /** The same section with port 0: how an answer rejects a stream (RFC 3264 §6). */
    public MediaDescription rejected() {
        return new MediaDescription(media, 0, protocol, formats, null, List.of());
    }
}
