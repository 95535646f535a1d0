package rock.intercom.fleet.central;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import rock.intercom.testkit.TestClock;

/** Per-address failures lock that address only; the overall bucket bounds everyone; the table stays bounded. */
class FleetThrottleTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-12-06T12:00:00Z"));

    @Test
    void failuresLockTheirAddressForTheWindowAndNobodyElse() {
        FleetThrottle throttle = new FleetThrottle(clock, 3, Duration.ofMinutes(10), 100, 1000);
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.attempt("10.0.0.1")).isEmpty();
            throttle.failed("10.0.0.1");
        }
        assertThat(throttle.attempt("10.0.0.1")).get().extracting(FleetThrottle.Refusal::retryAfter)
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(throttle.attempt("10.0.0.2")).isEmpty();
        clock.advance(Duration.ofMinutes(10));
        assertThat(throttle.attempt("10.0.0.1")).isEmpty();
    }

    @Test
    void theOverallBucketRefusesAFloodAndRefills() {
        FleetThrottle throttle = new FleetThrottle(clock, 10, Duration.ofMinutes(10), 10, 20);
        for (int i = 0; i < 20; i++) {
            assertThat(throttle.attempt("10.1.0." + i)).isEmpty();
        }
        assertThat(throttle.attempt("10.2.0.1")).get().extracting(FleetThrottle.Refusal::retryAfter)
                .isEqualTo(Duration.ofMillis(100));
        clock.advance(Duration.ofMillis(100));
        assertThat(throttle.attempt("10.2.0.1")).isEmpty();
    }

    @Test
    void manyAddressesDoNotGrowTheTableBeyondItsBound() {
        FleetThrottle throttle = new FleetThrottle(clock, 10, Duration.ofMinutes(10), 1e9, 1_000_000);
        for (int i = 0; i < FleetThrottle.MAX_ADDRESSES + 500; i++) {
            throttle.failed("addr-" + i);
        }
        assertThat(throttle.tracked()).isEqualTo(FleetThrottle.MAX_ADDRESSES);
    }
}
