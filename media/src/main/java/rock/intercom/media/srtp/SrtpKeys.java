package rock.intercom.media.srtp;

import java.util.Objects;

/**
 * The negotiated SRTP parameters of a call: the suite, the key this endpoint sends with (it
 * offered or answered it) and the key the peer sends with (RFC 4568 §6.1: each side declares the
 * key it will use for sending).
 */
public record SrtpKeys(CryptoSuite suite, SrtpMasterKey localKey, SrtpMasterKey remoteKey) {
    public SrtpKeys {
        Objects.requireNonNull(suite);
        Objects.requireNonNull(localKey);
        Objects.requireNonNull(remoteKey);
    }
}
