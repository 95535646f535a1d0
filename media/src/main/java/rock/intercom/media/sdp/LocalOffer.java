package rock.intercom.media.sdp;

import java.util.List;

/**
 * An offer this device sent, kept until the answer arrives: the SDP plus the crypto lines (with
 * our keys) it carried, so the answer's chosen tag can be matched (RFC 4568 §7.1.2); the video
 * m-line carries crypto lines with keys of its own ({@code videoCrypto}).
 */
public record LocalOffer(SessionDescription sdp, LocalEndpoint local, List<CryptoAttribute> offeredCrypto,
                         List<CryptoAttribute> videoCrypto) {
    public LocalOffer {
        offeredCrypto = List.copyOf(offeredCrypto);
        videoCrypto = List.copyOf(videoCrypto);
    }

    /** An offer without video. */
    public LocalOffer(SessionDescription sdp, LocalEndpoint local, List<CryptoAttribute> offeredCrypto) {
        this(sdp, local, offeredCrypto, List.of());
    }

    public String toSdp() {
        return sdp.toSdp();
    }
}
