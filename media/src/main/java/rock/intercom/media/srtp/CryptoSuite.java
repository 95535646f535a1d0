package rock.intercom.media.srtp;

import java.util.Optional;

/**
 * SDES crypto suites the intercom supports, in order of preference (offered in this order).
 * <ul>
 *   <li>AES_CM_128_HMAC_SHA1_80 / _32 (RFC 4568 §6.2): AES-128 counter mode, 112-bit salt,
 *   HMAC-SHA1; _32 shortens only the SRTP tag, SRTCP keeps 80 bits (§6.2.2).</li>
 *   <li>AEAD_AES_128_GCM (RFC 7714 §12, §14.2): AES-128-GCM, 96-bit salt, 128-bit tag on both;
 *   offered last because older peers do not know it.</li>
 * </ul>
 */
public enum CryptoSuite {
    AES_CM_128_HMAC_SHA1_80(10),
    AES_CM_128_HMAC_SHA1_32(4),
    AEAD_AES_128_GCM(16);

    /** Master key length in bytes (AES-128 for every suite). */
    public static final int KEY_LENGTH = 16;
    /** HMAC-SHA1 session authentication key length in bytes (RFC 3711 §8.2). */
    public static final int AUTH_KEY_LENGTH = 20;

    /** The one thing the two counter-mode suites differ in: the SRTP tag (10 or 4 bytes); GCM's is 16. */
    private final int srtpTagLength;

    CryptoSuite(int srtpTagLength) {
        this.srtpTagLength = srtpTagLength;
    }

    /** Whether the suite is an AEAD (GCM) suite rather than counter mode + HMAC. */
    public boolean aead() {
        return this == AEAD_AES_128_GCM;
    }

    /** Master salt length in bytes: 112 bits for counter mode (RFC 3711 §8.2), 96 for GCM (RFC 7714 §12). */
    public int saltLength() {
        return aead() ? 12 : 14;
    }

    public int srtpTagLength() {
        return srtpTagLength;
    }

    /** SRTCP tag length in bytes: 80 bits for both counter-mode suites (RFC 4568 §6.2.2), 128 for GCM. */
    public int srtcpTagLength() {
        return aead() ? 16 : 10;
    }

    public static Optional<CryptoSuite> byName(String name) {
        for (CryptoSuite s : values()) {
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
