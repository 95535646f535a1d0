package rock.intercom.sip.call;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rock.intercom.sip.call.OutgoingLeg.Phase;

/** When a refused INVITE goes again with another offer (RFC 3261 §8.1.3.5, §14). */
class OfferRetryTest {

    @ParameterizedTest(name = "{0} in {1} after {2} retries → {3}")
    @CsvSource(delimiter = '|', textBlock = """
        # status | phase       | offers retried | retry
        488      | CALLING     | 0              | true
        488      | PROCEEDING  | 0              | true
        488      | RINGING     | 0              | true
        415      | PROCEEDING  | 0              | true
        606      | PROCEEDING  | 0              | true
        488      | PROCEEDING  | 1              | false
        606      | RINGING     | 1              | false
        488      | CANCEL_HELD | 0              | false
        488      | CANCELLED   | 0              | false
        488      | ENDED       | 0              | false
        486      | PROCEEDING  | 0              | false
        603      | PROCEEDING  | 0              | false
        480      | RINGING     | 0              | false
        403      | PROCEEDING  | 0              | false
        500      | PROCEEDING  | 0              | false
        """)
    void retriesOnlyARefusedOfferOnce(int status, Phase phase, int offersRetried, boolean retry) {
        assertThat(OfferRetry.applies(status, phase, offersRetried)).isEqualTo(retry);
    }
}
