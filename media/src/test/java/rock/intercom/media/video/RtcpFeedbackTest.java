package rock.intercom.media.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PLI/FIR reading and writing (RFC 4585 §6.3.1, RFC 5104 §4.3.1), and key-frame recognition (RFC 6184). */
class RtcpFeedbackTest {
    private static final int OURS = 0x11223344;

    @Test
    void ourPliAndFirAreReadBackAsRequestsForTheNamedStreamOnly() {
        assertThat(RtcpFeedback.keyFrameRequests(RtcpFeedback.pli(7, OURS), 0, 20, OURS))
            .containsExactly(RtcpFeedback.Request.PLI);
        assertThat(RtcpFeedback.keyFrameRequests(RtcpFeedback.fir(7, OURS, 1), 0, 28, OURS))
            .containsExactly(RtcpFeedback.Request.FIR);
        assertThat(RtcpFeedback.keyFrameRequests(RtcpFeedback.pli(7, 99), 0, 20, OURS)).isEmpty();
        assertThat(RtcpFeedback.keyFrameRequests(RtcpFeedback.fir(7, 99, 1), 0, 28, OURS)).isEmpty();
    }

    @Test
    void aReducedSizePliAloneCounts() {
        // RFC 5506: baresip negotiates rtcp-rsize and may send the PLI without a report in front.
        byte[] compound = RtcpFeedback.pli(7, OURS);
        byte[] alone = java.util.Arrays.copyOfRange(compound, 8, 20);
        assertThat(RtcpFeedback.keyFrameRequests(alone, 0, alone.length, OURS)).containsExactly(RtcpFeedback.Request.PLI);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "empty, ''",
        "version 0, 01CE0002000000070000000b",
        "length past the end, 81CE00FF0000000700000000",
        "PLI too short for its media SSRC, 81CE00010000000700",
        "FIR without FCI, 84CE00020000000700000000",
        "garbage after a good RR, 80C90001000000070102",
    })
    void malformedFeedbackGivesNoRequestsAndNoException(String name, String hex) {
        byte[] data = java.util.HexFormat.of().parseHex(hex);
        assertThat(RtcpFeedback.keyFrameRequests(data, 0, data.length, OURS)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "PID alone,                  03E8, 0000, 1000",
        "PID and the next two,       03E8, 0003, 1000 1001 1002",
        "all 17,                     0010, FFFF, 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32",
        "wraps past 65535,           FFFF, 0001, 65535 0",
    })
    void aGenericNackNamesItsPidAndTheBitmaskedPacketsAfterIt(String name, String pid, String blp, String expected) {
        byte[] nack = RtcpFeedback.nack(7, OURS, Integer.parseInt(pid, 16), Integer.parseInt(blp, 16));
        var want = java.util.Arrays.stream(expected.split(" ")).map(Integer::valueOf).toList();
        assertThat(RtcpFeedback.nackedSequences(nack, 0, nack.length, OURS, 64)).containsExactlyElementsOf(want);
        assertThat(RtcpFeedback.nackedSequences(nack, 0, nack.length, 99, 64)).as("another stream's").isEmpty();
        assertThat(RtcpFeedback.keyFrameRequests(nack, 0, nack.length, OURS)).as("not a key-frame request").isEmpty();
    }

    @Test
    void aNackAskingForThousandsOfPacketsIsReadOnlyUpToTheBound() {
        int[] fcis = new int[2 * 400];
        for (int i = 0; i < 400; i++) {
            fcis[2 * i] = i * 17;
            fcis[2 * i + 1] = 0xFFFF;
        }
        byte[] nack = RtcpFeedback.nack(7, OURS, fcis);
        assertThat(RtcpFeedback.nackedSequences(nack, 0, nack.length, OURS, 64)).hasSize(64);
        byte[] cut = java.util.Arrays.copyOf(nack, nack.length - 2);
        assertThat(RtcpFeedback.nackedSequences(cut, 0, cut.length, OURS, 64)).as("malformed length").isEmpty();
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(14);
        for (int i = 0; i < 20_000; i++) {
            byte[] data = new byte[random.nextInt(64)];
            random.nextBytes(data);
            if (data.length > 0 && random.nextBoolean()) {
                data[0] = (byte) (0x80 | (data[0] & 0x3F)); // version 2, to get past the first check
            }
            RtcpFeedback.keyFrameRequests(data, 0, data.length, OURS);
            RtcpFeedback.nackedSequences(data, 0, data.length, OURS, 64);
            H264KeyFrames.startsKeyFrame(data, 0, data.length);
            H264KeyFrames.startsKeyFrame(data, Math.min(1, data.length), Math.max(0, data.length - 1));
        }
    }

    @ParameterizedTest(name = "{0} → {2}")
    @CsvSource({
        "IDR slice alone,            65, true",
        "SPS alone,                  67, true",
        "P slice alone,              41, false",
        "STAP-A with SPS PPS IDR,    18000267420002 68ce0001 65, true",
        "STAP-A with SEI and P,      180002060100024101, false",
        "STAP-A with a length past the end, 1800FF67, false",
        "FU-A start of an IDR,       7C85, true",
        "FU-A middle of an IDR,      7C05, false",
        "FU-A start of a P slice,    7C81, false",
        "FU-A header cut short,      7C, false",
    })
    void keyFramesAreRecognisedInEveryPacketizationMode1Form(String name, String hex, boolean key) {
        byte[] payload = java.util.HexFormat.of().parseHex(hex.replace(" ", ""));
        assertThat(H264KeyFrames.startsKeyFrame(payload, 0, payload.length)).isEqualTo(key);
    }
}
