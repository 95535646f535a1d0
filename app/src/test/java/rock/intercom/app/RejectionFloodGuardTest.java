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
    void manySpoofedSourcesStayBoundedInSourcesAndInEvents() {
        int recorded = 0;
        for (int i = 0; i < RejectionFloodGuard.MAX_SOURCES * 3; i++) {
            recorded += reject(spoofed(i)).isPresent() ? 1 : 0;
        }
        assertThat(recorded).isEqualTo(RejectionFloodGuard.ALL_PER_WINDOW);
        assertThat(guard.trackedSources()).isEqualTo(RejectionFloodGuard.MAX_SOURCES);

        // The next minute's first event says how many the bound of all sources held back.
        now += RejectionFloodGuard.WINDOW.toNanos();
        assertThat(reject("10.200.0.1:5060")).hasValueSatisfying(details -> assertThat(details)
                .containsEntry(RejectionFloodGuard.SUPPRESSED_ALL_SOURCES,
                        (long) RejectionFloodGuard.MAX_SOURCES * 3 - RejectionFloodGuard.ALL_PER_WINDOW)
                .doesNotContainKey(RejectionFloodGuard.SUPPRESSED_BEFORE));
        assertThat(reject("10.200.0.2:5060")).hasValueSatisfying(details ->
                assertThat(details).doesNotContainKey(RejectionFloodGuard.SUPPRESSED_ALL_SOURCES));
    }

    @Test
    void aSourceHeldBackByTheOverallBoundIsCountedThereAndItsEarlierCountWaits() {
        for (int i = 0; i < RejectionFloodGuard.PER_WINDOW + 3; i++) {
            reject("10.0.0.7:5060"); // 20 recorded, 3 over its own share
        }
        now += RejectionFloodGuard.WINDOW.toNanos();
        for (int i = 0; i < RejectionFloodGuard.ALL_PER_WINDOW; i++) {
            reject(spoofed(i));
        }
        assertThat(reject("10.0.0.7:5060")).as("the bound of all sources is reached").isEmpty();
        assertThat(reject("10.0.0.7:5060")).isEmpty();

        now += RejectionFloodGuard.WINDOW.toNanos();
        assertThat(reject("10.0.0.7:5060")).hasValueSatisfying(details -> assertThat(details)
                .containsEntry(RejectionFloodGuard.SUPPRESSED_BEFORE, 3L)
                .containsEntry(RejectionFloodGuard.SUPPRESSED_ALL_SOURCES, 2L));
    }

    private static String spoofed(int i) {
        return "172." + (16 + (i >> 16 & 15)) + "." + (i >> 8 & 255) + "." + (i & 255) + ":5060";
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
