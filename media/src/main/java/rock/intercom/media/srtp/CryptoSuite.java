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
    AES_CM_128_HMAC_SHA1_80(14, 10, 10, false),
    AES_CM_128_HMAC_SHA1_32(14, 4, 10, false),
    AEAD_AES_128_GCM(12, 16, 16, true);

    /** Master key length in bytes (AES-128 for every suite). */
    public static final int KEY_LENGTH = 16;
    /** HMAC-SHA1 session authentication key length in bytes (RFC 3711 §8.2). */
    public static final int AUTH_KEY_LENGTH = 20;

    private final int saltLength;
    private final int srtpTagLength;
    private final int srtcpTagLength;
    private final boolean aead;

    CryptoSuite(int saltLength, int srtpTagLength, int srtcpTagLength, boolean aead) {
        this.saltLength = saltLength;
        this.srtpTagLength = srtpTagLength;
        this.srtcpTagLength = srtcpTagLength;
        this.aead = aead;
    }

    /** Master salt length in bytes. */
    public int saltLength() {
        return saltLength;
    }

    public int srtpTagLength() {
        return srtpTagLength;
    }

    public int srtcpTagLength() {
        return srtcpTagLength;
    }

    /** Whether the suite is an AEAD (GCM) suite rather than counter mode + HMAC. */
    public boolean aead() {
        return aead;
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
