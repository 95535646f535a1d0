package rock.intercom.media.srtp;

import java.util.Optional;

/**
 * SDES crypto suites the intercom supports (RFC 4568 §6.2), in order of preference. Both use
 * AES-128 counter mode, a 112-bit salt and HMAC-SHA1; they differ in the SRTP tag length. SRTCP
 * always carries an 80-bit tag (RFC 4568 §6.2.2: the _32 suite shortens only the SRTP tag).
 */
public enum CryptoSuite {
    AES_CM_128_HMAC_SHA1_80(10),
    AES_CM_128_HMAC_SHA1_32(4);

    /** Master key length in bytes. */
    public static final int KEY_LENGTH = 16;
    /** Master salt length in bytes. */
    public static final int SALT_LENGTH = 14;
    /** HMAC-SHA1 session authentication key length in bytes (RFC 3711 §8.2). */
    public static final int AUTH_KEY_LENGTH = 20;
    /** SRTCP tag length in bytes for every suite. */
    public static final int SRTCP_TAG_LENGTH = 10;

    private final int srtpTagLength;

    CryptoSuite(int srtpTagLength) {
        this.srtpTagLength = srtpTagLength;
    }

    public int srtpTagLength() {
        return srtpTagLength;
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
