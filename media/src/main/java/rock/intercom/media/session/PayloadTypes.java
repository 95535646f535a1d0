package rock.intercom.media.session;

import rock.intercom.media.codec.Codec;
import rock.intercom.media.sdp.NegotiatedMedia;

/**
 * Which received payload types are audio in which codec, and which is telephone-event. The
 * negotiated type maps to the negotiated codec; the static G.711 types are accepted too, because
 * an answerer may switch among the codecs its answer listed (RFC 3264 §7).
 */
record PayloadTypes(int audio, Codec codec, int telephoneEvent) {
    static PayloadTypes of(NegotiatedMedia media) {
        return new PayloadTypes(media.payloadType(), media.codec(), media.telephoneEventPayloadType());
    }

    Codec codecOf(int payloadType) {
        if (payloadType == audio) {
            return codec;
        }
        for (Codec c : Codec.values()) {
            if (c.payloadType() == payloadType && payloadType != telephoneEvent) {
                return c;
            }
        }
        return null;
    }
}
