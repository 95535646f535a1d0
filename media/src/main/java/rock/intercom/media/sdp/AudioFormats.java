package rock.intercom.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import rock.intercom.media.codec.Codec;

/**
 * Reads the payload formats of an audio media section: which of our codecs it lists (static
 * payload types per RFC 3551 §6, or any type mapped by {@code a=rtpmap}, RFC 4566 §6) and the
 * RFC 4733 telephone-event type.
 */
final class AudioFormats {
    static final String TELEPHONE_EVENT = "telephone-event";

    /** A codec found in a media section, with the payload type the section uses for it. */
    record Offered(Codec codec, int payloadType) {
    }

    private AudioFormats() {
    }

    /** Our codecs in the section's order (its preference, RFC 3264 §5.1). */
    static List<Offered> codecs(MediaDescription m) {
        List<Offered> out = new ArrayList<>();
        for (String f : m.formats()) {
            int pt = parsePt(f);
            if (pt < 0) {
                continue;
            }
            Optional<String> map = rtpmap(m, pt);
            for (Codec c : Codec.values()) {
                boolean match = map.map(v -> v.equalsIgnoreCase(c.rtpmapEncoding())
                        || v.equalsIgnoreCase(c.rtpmapEncoding() + "/1"))
                    .orElse(pt == c.payloadType());
                if (match && out.stream().noneMatch(o -> o.codec() == c)) {
                    out.add(new Offered(c, pt));
                }
            }
        }
        return out;
    }

    /** The telephone-event payload type at 8000 Hz, or -1. */
    static int telephoneEvent(MediaDescription m) {
        for (String f : m.formats()) {
            int pt = parsePt(f);
            if (pt >= 0 && rtpmap(m, pt).map(v -> v.toLowerCase(Locale.ROOT).startsWith(TELEPHONE_EVENT + "/8000"))
                .orElse(false)) {
                return pt;
            }
        }
        return -1;
    }

    private static Optional<String> rtpmap(MediaDescription m, int pt) {
        String prefix = pt + " ";
        return m.attributeValues("rtpmap").stream().filter(v -> v.startsWith(prefix))
            .map(v -> v.substring(prefix.length()).trim()).findFirst();
    }

    private static int parsePt(String f) {
        try {
            int pt = Integer.parseInt(f);
            return pt >= 0 && pt <= 127 ? pt : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
