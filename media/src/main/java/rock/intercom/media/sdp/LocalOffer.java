package rock.intercom.media.sdp;

import java.util.List;

/**
 * An offer this device sent, kept until the answer arrives: the SDP plus the crypto lines (with
 * our keys) it carried, so the answer's chosen tag can be matched (RFC 4568 §7.1.2).
 */
public record LocalOffer(SessionDescription sdp, LocalEndpoint local, List<CryptoAttribute> offeredCrypto) {
    public LocalOffer {
        offeredCrypto = List.copyOf(offeredCrypto);
    }

    public String toSdp() {
        return sdp.toSdp();
    }
}
