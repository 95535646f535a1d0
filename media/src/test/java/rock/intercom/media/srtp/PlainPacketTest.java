package rock.intercom.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import rock.intercom.media.ParseResult;

/** A receiver's view of a packet: the datagram itself when plain, the checked plain text when SRTP. */
class PlainPacketTest {
    private static final HexFormat HEX = HexFormat.of();
    /** The RFC 3711 B.3 master key and salt, as in {@link SrtpContextTest}. */
    private static final SrtpMasterKey KEY = SrtpMasterKey.fromConcatenated(
        HEX.parseHex("e1f97a0d3e018be0d64fa32c06de41390ec675ad498afeebb6960b3aabe6"));
    private static final CryptoSuite SUITE = CryptoSuite.AES_CM_128_HMAC_SHA1_80;
    private static final byte[] RTP = HEX.parseHex("800f1234decafbadcafebabe" + "ab".repeat(16));
    private static final byte[] RTCP = HEX.parseHex("81c8000bcafebabe" + "ab".repeat(16));

    @Test
    void aPlainStreamReadsTheReceiveBufferInPlace() {
        byte[] buffer = new byte[2048];
        System.arraycopy(RTP, 0, buffer, 0, RTP.length);

        PlainPacket packet = PlainPacket.rtp(null, buffer, RTP.length).orNull();

        assertThat(packet.data()).isSameAs(buffer);
        assertThat(packet.length()).isEqualTo(RTP.length);
        assertThat(PlainPacket.rtcp(null, buffer, 12).orNull().length()).isEqualTo(12);
    }

    @Test
    void anSrtpStreamReadsTheDecryptedPacket() {
        byte[] srtp = SrtpContext.forSending(SUITE, KEY).protectRtp(RTP, 0, RTP.length);
        byte[] srtcp = SrtpContext.forSending(SUITE, KEY).protectRtcp(RTCP, 0, RTCP.length);

        PlainPacket rtp = PlainPacket.rtp(SrtpContext.forReceiving(SUITE, KEY), srtp, srtp.length).orNull();
        PlainPacket rtcp = PlainPacket.rtcp(SrtpContext.forReceiving(SUITE, KEY), srtcp, srtcp.length).orNull();

        assertThat(rtp.data()).containsExactly(RTP);
        assertThat(rtp.length()).isEqualTo(RTP.length);
        assertThat(rtcp.data()).containsExactly(RTCP);
        assertThat(rtcp.length()).isEqualTo(RTCP.length);
    }

    @Test
    void aForgedOrPlainPacketOnAnSrtpStreamIsMalformedWithSrtpsReason() {
        byte[] srtp = SrtpContext.forSending(SUITE, KEY).protectRtp(RTP, 0, RTP.length);
        srtp[20] ^= 1;

        ParseResult<PlainPacket> forged = PlainPacket.rtp(SrtpContext.forReceiving(SUITE, KEY), srtp, srtp.length);
        ParseResult<PlainPacket> plainRtcp = PlainPacket.rtcp(SrtpContext.forReceiving(SUITE, KEY), RTCP, 10);

        assertThat(forged).isInstanceOf(ParseResult.Malformed.class);
        assertThat(((ParseResult.Malformed<PlainPacket>) plainRtcp).reason()).isEqualTo("SRTCP packet too short");
    }
}
