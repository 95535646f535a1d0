package rock.intercom.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import rock.intercom.media.ParseResult;
import rock.intercom.media.rtp.RtpPacket;

class SrtpContextTest {
    private static final HexFormat HEX = HexFormat.of();
    /** libsrtp's srtp_validate() key: the RFC 3711 B.3 master key and salt. */
    private static final SrtpMasterKey KEY = SrtpMasterKey.fromConcatenated(
        HEX.parseHex("e1f97a0d3e018be0d64fa32c06de41390ec675ad498afeebb6960b3aabe6"));
    private static final byte[] RTP = HEX.parseHex("800f1234decafbadcafebabe" + "ab".repeat(16));
    private static final byte[] RTCP = HEX.parseHex("81c8000bcafebabe" + "ab".repeat(16));
    /** libsrtp test/srtp_driver.c srtp_validate() reference ciphertexts (ROC 0, SSRC 0xcafebabe, seq 0x1234). */
    private static final String SRTP_80 = "800f1234decafbadcafebabe4e55dc4ce79978d88ca4d215949d2402b78d6acc99ea179b8dbb";
    private static final String SRTCP = "81c8000bcafebabe7128035be487b9bdbef89041f977a5a880000001993e08cd54d6c1230798";

    @Test
    void protectsRtpExactlyLikeLibsrtpFor80BitTags() {
        byte[] out = SrtpContext.forSending(CryptoSuite.AES_CM_128_HMAC_SHA1_80, KEY).protectRtp(RTP, 0, RTP.length);
        assertThat(HEX.formatHex(out)).isEqualTo(SRTP_80);
    }

    @Test
    void protectsRtpWithA32BitTagForTheShortSuite() {
        byte[] out = SrtpContext.forSending(CryptoSuite.AES_CM_128_HMAC_SHA1_32, KEY).protectRtp(RTP, 0, RTP.length);
        // Same keystream and HMAC, tag truncated to 4 bytes.
        assertThat(HEX.formatHex(out)).isEqualTo(SRTP_80.substring(0, SRTP_80.length() - 12));
    }

    /**
     * libsrtp's SRTCP reference packet (index 1) must unprotect under both suites: _32 shortens
     * only the SRTP tag, SRTCP keeps 80 bits (RFC 4568 §6.2.2). Our own SRTCP starts at index 0
     * as RFC 3711 §3.4 says (libsrtp increments first), so we check its layout and round trip.
     */
    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void srtcpAlwaysCarriesAn80BitTag(CryptoSuite suite) {
        byte[] reference = HEX.parseHex(SRTCP);
        assertThat(SrtpContext.forReceiving(suite, KEY).unprotectRtcp(reference, 0, reference.length).orNull())
            .containsExactly(RTCP);

        byte[] out = SrtpContext.forSending(suite, KEY).protectRtcp(RTCP, 0, RTCP.length);
        assertThat(out).hasSize(RTCP.length + 4 + 10);
        assertThat(HEX.formatHex(out, RTCP.length, RTCP.length + 4)).as("E bit + index 0").isEqualTo("80000000");
        assertThat(SrtpContext.forReceiving(suite, KEY).unprotectRtcp(out, 0, out.length).orNull())
            .containsExactly(RTCP);
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void roundTripsAStreamOfPacketsAcrossTheSequenceWrap(CryptoSuite suite) {
        SrtpMasterKey key = SrtpMasterKey.random();
        SrtpContext tx = SrtpContext.forSending(suite, key);
        SrtpContext rx = SrtpContext.forReceiving(suite, key);
        for (int i = 0; i < 20; i++) {
            int seq = (65530 + i) & 0xFFFF;
            byte[] plain = RtpPacket.of(false, 0, seq, 160L * i, 0x1234, new byte[] {(byte) i, 2, 3}).toBytes();
            byte[] cipher = tx.protectRtp(plain, 0, plain.length);
            assertThat(cipher).hasSize(plain.length + suite.srtpTagLength());
            assertThat(Arrays.copyOfRange(cipher, 12, 15)).isNotEqualTo(Arrays.copyOfRange(plain, 12, 15));
            assertThat(rx.unprotectRtp(cipher, 0, cipher.length).orNull()).as("seq %d", seq).containsExactly(plain);
        }
    }

    @Test
    void rejectsTamperedReplayedAndForeignPackets() {
        SrtpContext rx = SrtpContext.forReceiving(CryptoSuite.AES_CM_128_HMAC_SHA1_80, KEY);
        byte[] good = HEX.parseHex(SRTP_80);
        byte[] tampered = good.clone();
        tampered[14] ^= 1;
        assertThat(rx.unprotectRtp(tampered, 0, tampered.length)).isInstanceOf(ParseResult.Malformed.class);
        assertThat(rx.unprotectRtp(good, 0, good.length).orNull()).containsExactly(RTP);
        assertThat(rx.unprotectRtp(good, 0, good.length)).as("replay").isInstanceOf(ParseResult.Malformed.class);

        SrtpContext other = SrtpContext.forReceiving(CryptoSuite.AES_CM_128_HMAC_SHA1_80, SrtpMasterKey.random());
        assertThat(other.unprotectRtp(good, 0, good.length)).as("wrong key").isInstanceOf(ParseResult.Malformed.class);
        assertThat(rx.unprotectRtp(RTP, 0, 13)).as("truncated").isInstanceOf(ParseResult.Malformed.class);
        byte[] badRtcp = HEX.parseHex(SRTCP);
        badRtcp[10] ^= 1;
        assertThat(SrtpContext.forReceiving(CryptoSuite.AES_CM_128_HMAC_SHA1_80, KEY).unprotectRtcp(badRtcp, 0,
            badRtcp.length)).isInstanceOf(ParseResult.Malformed.class);
    }
}
