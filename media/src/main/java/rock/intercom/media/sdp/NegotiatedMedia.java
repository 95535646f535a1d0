package rock.intercom.media.sdp;

import java.util.Objects;
import java.util.Optional;
import rock.intercom.media.codec.Codec;
import rock.intercom.media.srtp.SrtpKeys;

/**
 * What an offer/answer exchange agreed for the audio stream: everything a {@code MediaSession}
 * needs to run the call.
 *
 * @param remoteHost                 the peer's c= address
 * @param remotePort                 the peer's RTP port (RTCP on +1)
 * @param codec                      the codec both sides send
 * @param payloadType                its payload type in this session
 * @param telephoneEventPayloadType  RFC 4733 payload type, or -1 if the peer has none
 * @param direction                  this side's direction after negotiation
 * @param srtp                       the keys when the stream is SRTP
 */
public record NegotiatedMedia(String remoteHost, int remotePort, Codec codec, int payloadType,
                              int telephoneEventPayloadType, MediaDirection direction, Optional<SrtpKeys> srtp) {
    public NegotiatedMedia {
        Objects.requireNonNull(remoteHost);
        Objects.requireNonNull(codec);
        Objects.requireNonNull(direction);
        Objects.requireNonNull(srtp);
    }

    /**
     * What the call got, for the Call Established / Incoming Call events:
     * {@code SRTP AES_CM_128_HMAC_SHA1_80} or {@code RTP}.
     */
    public String securityLabel() {
        return srtp.map(k -> "SRTP " + k.suite().name()).orElse("RTP");
    }
}
