package rock.intercom.media.sdp;

import java.util.Objects;
import java.util.Optional;
import rock.intercom.media.srtp.SrtpKeys;

/**
 * What an offer/answer agreed for the video stream: H.264 packetization-mode 1 (RFC 6184).
 *
 * @param remoteHost     the peer's c= address for video
 * @param remotePort     the peer's video RTP port (RTCP on +1)
 * @param payloadType    the H.264 payload type in this session
 * @param profileLevelId the profile-level-id both sides use, e.g. {@code 42e01f}
 * @param bitrateKbps    what we may send: our default, capped by the peer's b=AS
 * @param direction      this side's direction after negotiation
 * @param srtp           the video stream's own keys when it is SRTP (RFC 4568: keys per m-line)
 */
public record NegotiatedVideo(String remoteHost, int remotePort, int payloadType, String profileLevelId,
                              int bitrateKbps, MediaDirection direction, Optional<SrtpKeys> srtp) {
    public NegotiatedVideo {
        Objects.requireNonNull(remoteHost);
        Objects.requireNonNull(profileLevelId);
        Objects.requireNonNull(direction);
        Objects.requireNonNull(srtp);
    }
}
