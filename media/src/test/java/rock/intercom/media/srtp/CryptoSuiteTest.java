package rock.intercom.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CryptoSuiteTest {

    /** RFC 4568 §6.2 and RFC 7714 §12, §14.2: salt, SRTP tag and SRTCP tag lengths in bytes. */
    @ParameterizedTest
    @CsvSource({
        "AES_CM_128_HMAC_SHA1_80, 14, 10, 10, false",
        "AES_CM_128_HMAC_SHA1_32, 14, 4, 10, false",
        "AEAD_AES_128_GCM, 12, 16, 16, true",
    })
    void lengthsFollowTheSuitesRfcs(CryptoSuite suite, int salt, int srtpTag, int srtcpTag, boolean aead) {
        assertThat(suite.saltLength()).isEqualTo(salt);
        assertThat(suite.srtpTagLength()).isEqualTo(srtpTag);
        assertThat(suite.srtcpTagLength()).isEqualTo(srtcpTag);
        assertThat(suite.aead()).isEqualTo(aead);
        assertThat(CryptoSuite.byName(suite.name())).contains(suite);
    }
}
