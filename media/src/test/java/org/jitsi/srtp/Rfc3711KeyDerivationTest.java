package org.jitsi.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 3711 Appendix B.3 key-derivation test vectors against jitsi-srtp's key derivation, the one
 * our {@code SrtpContext} uses. Lives in jitsi's package because {@code SrtpKdf} is package-private.
 */
class Rfc3711KeyDerivationTest {
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest(name = "label {0}")
    @CsvSource({
        // label, expected session key (RFC 3711 B.3; the auth key is the first 160 bits of the listed keystream)
        "0, c61e7a93744f39ee10734afe3ff7a087",
        "2, 30cbbc08863d8c85d49db34a9ae1",
        "1, cebe321f6ff7716b6fd4ab49af256a156d38baa4",
    })
    void derivesTheRfc3711AppendixB3SessionKeys(byte label, String expected) throws Exception {
        rock.intercom.media.srtp.SrtpCryptoProvider.select();
        SrtpPolicy policy = new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, 16, SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, 10,
            14);
        SrtpKdf kdf = new SrtpKdf(HEX.parseHex("e1f97a0d3e018be0d64fa32c06de4139"),
            HEX.parseHex("0ec675ad498afeebb6960b3aabe6"), policy);
        byte[] out = new byte[expected.length() / 2];
        kdf.deriveSessionKey(out, label);
        assertThat(HEX.formatHex(out)).isEqualTo(expected);
    }
}
