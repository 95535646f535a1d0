package rock.intercom.call.media;

import java.util.Objects;

/**
 * Why the media side cannot go on with an offer/answer step: no offer can be made (no RTP port, no
 * local address) or the peer's answer cannot be used (no common codec, missing keys, not SDP). The
 * media side has logged it; the signalling reports it to the call once. One record for both, as
 * the call handles both alike.
 */
public record MediaProblem(String reason) implements SdpOffer, RemoteAnswer {
    public MediaProblem {
        Objects.requireNonNull(reason, "reason");
    }
}
