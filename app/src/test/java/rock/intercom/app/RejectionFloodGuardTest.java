package rock.intercom.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An INVITE flood is refused on the wire but recorded only up to a bound per source and minute. */
class RejectionFloodGuardTest {

    private long now;
    private final RejectionFloodGuard guard = new RejectionFloodGuard(() -> now);

    private Optional<Map<String, Object>> reject(String source) {
        return guard.admit(Map.of("source", source, "reason", "caller not in Allow Incoming Calls list"));
    }

    @Test
    void aSourceIsRecordedUpToItsShareThenHeldBackWhateverItsPort() {
        for (int i = 0; i < RejectionFloodGuard.PER_WINDOW; i++) {
            assertThat(reject("10.0.0.7:" + (5060 + i))).as("rejection %d", i).isPresent();
        }
        assertThat(reject("10.0.0.7:6000")).isEmpty();
        assertThat(reject("10.0.0.8:5060")).as("another source has its own share").isPresent();
    }

    @Test
    void theNextWindowReportsHowManyWereHeldBack() {
        for (int i = 0; i < RejectionFloodGuard.PER_WINDOW + 5; i++) {
            reject("10.0.0.7:5060");
        }
        now += RejectionFloodGuard.WINDOW.toNanos();
        assertThat(reject("10.0.0.7:5060")).hasValueSatisfying(details ->
                assertThat(details).containsEntry(RejectionFloodGuard.SUPPRESSED_BEFORE, 5L));
        assertThat(reject("10.0.0.7:5060")).hasValueSatisfying(details ->
                assertThat(details).doesNotContainKey(RejectionFloodGuard.SUPPRESSED_BEFORE));
    }

    @Test
    void withinTheWindowTimeDoesNotResetTheShare() {
        for (int i = 0; i < RejectionFloodGuard.PER_WINDOW; i++) {
            reject("10.0.0.7:5060");
        }
        now += RejectionFloodGuard.WINDOW.minus(Duration.ofMillis(1)).toNanos();
        assertThat(reject("10.0.0.7:5060")).isEmpty();
    }

    @Test
    void manySpoofedSourcesStayBounded() {
        for (int i = 0; i < RejectionFloodGuard.MAX_SOURCES * 3; i++) {
            assertThat(reject("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255) + ":5060")).isPresent();
        }
        assertThat(guard.trackedSources()).isEqualTo(RejectionFloodGuard.MAX_SOURCES);
    }

    @Test
    void anIpv6SourceLosesOnlyItsPort() {
        for (int i = 0; i < RejectionFloodGuard.PER_WINDOW; i++) {
            reject("::1:" + (5060 + i));
        }
        assertThat(reject("::1:7000")).isEmpty();
        assertThat(reject("::2:5060")).isPresent();
    }
}
