package rock.intercom.portal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rock.intercom.testkit.TestClock;

class LoginThrottleTest {


    final TestClock clock = new TestClock();
    final LoginThrottle throttle = new LoginThrottle(clock, 3, Duration.ofMinutes(10), Duration.ofMinutes(5));

    @ParameterizedTest(name = "{0} failures, then {1} s later: locked={2}")
    @CsvSource({
        "2, 0,   false",
        "3, 0,   true",
        "3, 299, true",
        "3, 300, false",
        "5, 60,  true"})
    void locksAfterTooManyFailuresForTheLockoutTime(int failures, int secondsLater, boolean locked) {
        for (int i = 0; i < failures; i++) {
            throttle.failed("admin", "10.0.0.1");
        }
        clock.advance(Duration.ofSeconds(secondsLater));
        assertThat(throttle.retryAfter("admin", "10.0.0.1").isPresent()).isEqualTo(locked);
    }

    @Test
    void failuresOutsideTheWindowDoNotCount() {
        throttle.failed("admin", "10.0.0.1");
        throttle.failed("admin", "10.0.0.1");
        clock.advance(Duration.ofMinutes(11));
        throttle.failed("admin", "10.0.0.1");
        assertThat(throttle.retryAfter("admin", "10.0.0.1")).isEmpty();
    }

    @Test
    void limitIsPerUserAndAddressAndASuccessClearsIt() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("admin", "10.0.0.1");
        }
        assertThat(throttle.retryAfter("admin", "10.0.0.1")).isPresent();
        assertThat(throttle.retryAfter("admin", "10.0.0.2")).isEmpty();
        assertThat(throttle.retryAfter("guard", "10.0.0.1")).isEmpty();
        throttle.succeeded("admin", "10.0.0.1");
        assertThat(throttle.retryAfter("admin", "10.0.0.1")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            one user, one address, 3 guesses           | 3 | 1 | 1 | true  | USER_AND_ADDRESS
            one user from 3 addresses, 2 each          | 2 | 1 | 3 | true  | USER
            one user from 3 addresses, 1 each          | 1 | 1 | 3 | false | -
            one address, 6 users, 2 each               | 2 | 6 | 1 | true  | ADDRESS
            one address, 5 users, 2 each               | 2 | 5 | 1 | false | -
            """)
    void limitsPerAccountAndPerAddressToo(String label, int each, int users, int addresses, boolean locked,
            String tripped) {
        String trippedBy = "-";
        for (int a = 0; a < addresses; a++) {
            for (int u = 0; u < users; u++) {
                for (int i = 0; i < each; i++) {
                    var scope = throttle.failed("user" + u, "10.0.0." + a);
                    if (scope.isPresent() && trippedBy.equals("-")) {
                        trippedBy = scope.get().name();
                    }
                }
            }
        }
        assertThat(throttle.retryAfter("user0", "10.0.0.0").isPresent()).isEqualTo(locked);
        assertThat(trippedBy).isEqualTo(tripped);
        // Locked per user: a new address is locked too; locked per address: another user there is.
        if (tripped.equals("USER")) {
            assertThat(throttle.retryAfter("user0", "10.9.9.9")).isPresent();
        }
        if (tripped.equals("ADDRESS")) {
            assertThat(throttle.retryAfter("someone-else", "10.0.0.0")).isPresent();
        }
    }
}
