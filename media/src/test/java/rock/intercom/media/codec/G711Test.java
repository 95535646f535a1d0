package rock.intercom.media.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class G711Test {

    /**
     * Reference decoder outputs of G.711 Table 2a: for code c, u = ~c, magnitude =
     * ((2·mantissa + 33) &lt;&lt; exponent) − 33 in 14-bit units, ×4 for 16-bit PCM (0x80 → 8031·4 = 32124).
     */
    @ParameterizedTest(name = "µ-law 0x{0} decodes to {1}")
    @CsvSource({
        "00, -32124", "80, 32124", "FF, 0", "7F, 0", "FE, 8", "7E, -8", "F0, 120", "70, -120",
        "EF, 132", "E0, 372", "8F, 16764", "0F, -16764", "9F, 8316", "C0, 1884"
    })
    void decodesUlawReferenceValues(String hex, int expected) {
        assertThat(G711.ulawToLinear((byte) Integer.parseInt(hex, 16))).isEqualTo((short) expected);
    }

    /**
     * Reference decoder outputs of G.711 Table 1a: a = c XOR 0x55, segment 0 → 2m+1, segment s → (2m+33)
     * &lt;&lt; (s−1) in 13-bit units, ×8 for 16-bit PCM (0xAA → 4032·8 = 32256).
     */
    @ParameterizedTest(name = "A-law 0x{0} decodes to {1}")
    @CsvSource({
        "D5, 8", "55, -8", "AA, 32256", "2A, -32256", "80, 5504", "00, -5504", "D4, 24", "C5, 264",
        "F5, 528", "A5, 16896", "FA, 1008", "DA, 248"
    })
    void decodesAlawReferenceValues(String hex, int expected) {
        assertThat(G711.alawToLinear((byte) Integer.parseInt(hex, 16))).isEqualTo((short) expected);
    }

    @ParameterizedTest(name = "{0} encodes to µ-law 0x{1} and A-law 0x{2}")
    @CsvSource({
        "0, FF, D5", "32767, 80, AA", "-32768, 00, 2A", "8, FE, D5", "-9, 7E, 55", "1000, CE, FA",
        "-1000, 4E, 7A", "5504, A9, 80"
    })
    void encodesKnownSamples(int sample, String ulaw, String alaw) {
        assertThat(G711.linearToUlaw((short) sample) & 0xFF).isEqualTo(Integer.parseInt(ulaw, 16));
        assertThat(G711.linearToAlaw((short) sample) & 0xFF).isEqualTo(Integer.parseInt(alaw, 16));
    }

    @Test
    void everyUlawCodeRoundTripsExceptNegativeZero() {
        for (int code = 0; code < 256; code++) {
            byte back = G711.linearToUlaw(G711.ulawToLinear((byte) code));
            int expected = code == 0x7F ? 0xFF : code; // -0 and +0 both decode to 0
            assertThat(back & 0xFF).as("code 0x%02X", code).isEqualTo(expected);
        }
    }

    @Test
    void everyAlawCodeRoundTrips() {
        for (int code = 0; code < 256; code++) {
            assertThat(G711.linearToAlaw(G711.alawToLinear((byte) code)) & 0xFF).as("code 0x%02X", code)
                .isEqualTo(code);
        }
    }

    @Test
    void quantisationErrorStaysWithinHalfASegmentStepForEverySample() {
        for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
            int bound = Math.max(16, Math.abs(x) / 16) + 1;
            assertThat(Math.abs(G711.ulawToLinear(G711.linearToUlaw((short) x)) - x)).as("µ-law %d", x)
                .isLessThanOrEqualTo(bound);
            assertThat(Math.abs(G711.alawToLinear(G711.linearToAlaw((short) x)) - x)).as("A-law %d", x)
                .isLessThanOrEqualTo(bound);
        }
    }

    @Test
    void decodingIsMonotonicInTheCodeOrder() {
        // Positive µ-law codes 0xFF..0x80 and A-law codes (after removing the even-bit inversion)
        // walk the magnitude up one step at a time.
        for (int step = 1; step < 128; step++) {
            assertThat(G711.ulawToLinear((byte) (0xFF - step))).isGreaterThan(G711.ulawToLinear((byte) (0xFF - step + 1)));
            assertThat(G711.alawToLinear((byte) ((0x80 | step) ^ 0x55)))
                .isGreaterThan(G711.alawToLinear((byte) ((0x80 | (step - 1)) ^ 0x55)));
        }
    }

    /** A frame goes through each payload type's own law: PCMU µ-law, PCMA A-law (RFC 3551 §4.5.14). */
    @ParameterizedTest
    @CsvSource({"PCMU", "PCMA"})
    void framesUseTheirPayloadTypesLaw(Codec kind) {
        AudioCodec codec = kind.newInstance();
        short[] pcm = {0, 8, -9, 1000, -1000, 5504, 32767, -32768};
        byte[] payload = new byte[pcm.length + 2];
        assertThat(codec.encode(pcm, payload, 2)).isEqualTo(pcm.length);
        short[] decoded = new short[pcm.length];
        assertThat(codec.decode(payload, 2, pcm.length, decoded)).isEqualTo(pcm.length);
        for (int i = 0; i < pcm.length; i++) {
            byte code = kind == Codec.PCMU ? G711.linearToUlaw(pcm[i]) : G711.linearToAlaw(pcm[i]);
            assertThat(payload[2 + i]).isEqualTo(code);
            assertThat(decoded[i]).isEqualTo(kind == Codec.PCMU ? G711.ulawToLinear(code) : G711.alawToLinear(code));
        }
        assertThat(codec.codec()).isEqualTo(kind);
    }
}
