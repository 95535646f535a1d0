package rock.intercom.fleet.central;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Per-address failures lock that address only; the overall bucket bounds everyone; the table stays bounded. */
class FleetThrottleTest {

    private Instant now = Instant.parse("2026-12-06T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

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
        now = now.plus(Duration.ofMinutes(10));
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
        now = now.plusMillis(100);
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
