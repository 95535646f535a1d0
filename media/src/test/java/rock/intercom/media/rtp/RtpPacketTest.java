package rock.intercom.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rock.intercom.media.ParseResult;

class RtpPacketTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void serializesTheFixedHeaderBitForBit() {
        RtpPacket p = RtpPacket.of(true, 0, 0x1234, 0xDECAFBADL, 0xCAFEBABE, new byte[] {(byte) 0xAB, (byte) 0xCD});
        // V=2, P=0, X=0, CC=0 | M=1, PT=0 | seq | ts | ssrc | payload (RFC 3550 §5.1)
        assertThat(HEX.formatHex(p.toBytes())).isEqualTo("80801234decafbadcafebabeabcd");
    }

    @Test
    void roundTripsCsrcsAndExtension() {
        RtpPacket p = new RtpPacket(false, 101, 65535, 0xFFFF_FFFFL, -1, new int[] {1, 2, 3}, 0xBEDE,
            new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, new byte[160]);
        assertThat(RtpPacket.parse(p.toBytes())).isEqualTo(ParseResult.parsed(p));
    }

    @Test
    void randomPacketsRoundTrip() {
        Random r = new Random(42);
        for (int i = 0; i < 2000; i++) {
            int[] csrcs = r.ints(r.nextInt(16)).toArray();
            byte[] ext = new byte[4 * r.nextInt(4)];
            r.nextBytes(ext);
            byte[] payload = new byte[r.nextInt(400)];
            r.nextBytes(payload);
            RtpPacket p = new RtpPacket(r.nextBoolean(), r.nextInt(128), r.nextInt(65536), r.nextLong() & 0xFFFF_FFFFL,
                r.nextInt(), csrcs, r.nextBoolean() ? r.nextInt(65536) : -1, ext, payload);
            if (!p.hasExtension()) {
                p = new RtpPacket(p.marker(), p.payloadType(), p.sequenceNumber(), p.timestamp(), p.ssrc(), csrcs, -1,
                    new byte[0], payload);
            }
            assertThat(RtpPacket.parse(p.toBytes()).orNull()).isEqualTo(p);
        }
    }

    @Test
    void stripsPadding() {
        byte[] padded = HEX.parseHex("a0000001000000020000000311223300000003");
        RtpPacket p = RtpPacket.parse(padded).orNull();
        assertThat(p).isNotNull();
        assertThat(p.payload()).containsExactly(0x11, 0x22, 0x33, 0x00);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "empty datagram, ''",
        "11 bytes, 8000000100000002000000",
        "version 1, 400000010000000200000003",
        "version 0 (STUN-like), 000000010000000200000003",
        "CSRC count past end, 830000010000000200000003aaaaaaaa",
        "extension header cut, 900000010000000200000003bede",
        "extension length past end, 900000010000000200000003bede0002aaaaaaaa",
        "padding zero, a0000001000000020000000300",
        "padding longer than packet, a00000010000000200000003ff",
    })
    void rejectsMalformedPackets(String name, String hex) {
        assertThat(RtpPacket.parse(HEX.parseHex(hex))).isInstanceOf(ParseResult.Malformed.class);
    }

    @Test
    void randomBytesNeverThrow() {
        Random r = new Random(7);
        for (int i = 0; i < 20000; i++) {
            byte[] junk = new byte[r.nextInt(64)];
            r.nextBytes(junk);
            if (junk.length > 0 && r.nextBoolean()) {
                junk[0] = (byte) (0x80 | (junk[0] & 0x3F)); // mostly valid version, to reach the deeper checks
            }
            ParseResult<RtpPacket> result = RtpPacket.parse(junk, 0, junk.length);
            assertThat(result).isNotNull();
        }
    }

    @Test
    void respectsOffsetAndLengthWithinALargerBuffer() {
        byte[] buf = new byte[100];
        byte[] pkt = RtpPacket.of(false, 8, 7, 8, 9, new byte[] {5, 6}).toBytes();
        System.arraycopy(pkt, 0, buf, 10, pkt.length);
        assertThat(RtpPacket.parse(buf, 10, pkt.length).orNull().payload()).containsExactly(5, 6);
        assertThat(RtpPacket.parse(buf, 95, 10)).isInstanceOf(ParseResult.Malformed.class);
    }
}
