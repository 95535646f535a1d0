package rock.intercom.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MosEstimateTest {

    /** Expected values worked by hand from G.107: R = 93.2 - 0.024·(2·jitter + 10) - 95·loss%/(loss% + 25.1). */
    @ParameterizedTest(name = "loss {0}, jitter {1} ms -> MOS {2}")
    @CsvSource({
            // a clean LAN call: G.711's ceiling
            "0.0,   0,   4.40",
            // 1 % random loss with concealment costs a little
            "0.01,  5,   4.32",
            // 5 % loss is noticeably worse
            "0.05,  10,  3.89",
            // 20 % loss: barely intelligible
            "0.20,  30,  2.54",
            // every packet lost: R = 17, near the floor
            "1.0,   0,   1.17",
            // out-of-range inputs are clamped, not propagated
            "-1.0, -5,   4.40"})
    void followsTheSimplifiedEModel(double loss, double jitter, double mos) {
        assertThat(MosEstimate.of(loss, jitter)).isCloseTo(mos, within(0.02));
    }
}
