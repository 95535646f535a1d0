package rock.intercom.app.door;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DoorCodeGuardTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private final DoorCodeGuard guard = new DoorCodeGuard();

    /** Feeds {@code digits} one second apart; returns the verdict of the last one. */
    private DoorCodeGuard.Verdict enter(String callId, String digits, String code, Instant start) {
        DoorCodeGuard.Verdict last = null;
        for (int i = 0; i < digits.length(); i++) {
            last = guard.digit(callId, digits.charAt(i), code, start.plusSeconds(i));
        }
        return last;
    }

    @ParameterizedTest(name = "code {1}, digits {0} → {2}")
    @CsvSource({
            "1234,   1234,  Open",
            "123,    1234,  Collecting",
            "1235,   1234,  Refused",
            "*9#,    *9#,   Open",
            "7,      7,     Open",
            "8,      7,     Refused",
            "12341234, 12341234, Open",
    })
    void anEntryIsAsLongAsTheCode(String digits, String code, String verdict) {
        assertThat(enter("c1", digits, code, T0).getClass().getSimpleName()).isEqualTo(verdict);
    }

    @Test
    void aPauseLongerThanTheEntryGapStartsANewEntry() {
        guard.digit("c1", '1', "1234", T0);
        guard.digit("c1", '2', "1234", T0.plusSeconds(1));
        assertThat(enter("c1", "1234", "1234", T0.plusSeconds(1).plus(DoorCodeGuard.ENTRY_GAP).plusSeconds(1)))
                .isInstanceOf(DoorCodeGuard.Verdict.Open.class);
    }

    @Test
    void afterThreeWrongCodesTheRestOfTheCallIsIgnoredEvenTheRightCode() {
        assertThat(enter("c1", "1111", "1234", T0)).isEqualTo(new DoorCodeGuard.Verdict.Refused("wrong code", 1, false, null));
        assertThat(enter("c1", "2222", "1234", T0.plusSeconds(10))).isEqualTo(new DoorCodeGuard.Verdict.Refused("wrong code", 2, false, null));
        assertThat(enter("c1", "3333", "1234", T0.plusSeconds(20))).isEqualTo(new DoorCodeGuard.Verdict.Refused("wrong code", 3, false, null));
        assertThat(enter("c1", "1234", "1234", T0.plusSeconds(30))).isInstanceOf(DoorCodeGuard.Verdict.Ignored.class);
        // The next call starts afresh.
        assertThat(enter("c2", "1234", "1234", T0.plusSeconds(40))).isInstanceOf(DoorCodeGuard.Verdict.Open.class);
    }

    @Test
    void tenWrongCodesWithinTenMinutesLockReleaseForFifteenMinutes() {
        Instant t = T0;
        DoorCodeGuard.Verdict verdict = null;
        for (int call = 0; call < 4 && !(verdict instanceof DoorCodeGuard.Verdict.Refused r && r.lockedNow()); call++) {
            for (int attempt = 0; attempt < 3; attempt++) {
                verdict = enter("call-" + call, "0000", "1234", t);
                t = t.plusSeconds(10);
                if (verdict instanceof DoorCodeGuard.Verdict.Refused r && r.lockedNow()) {
                    break;
                }
            }
        }
        assertThat(verdict).isEqualTo(new DoorCodeGuard.Verdict.Refused("wrong code", 1, true, t.minusSeconds(10).plusSeconds(3)
                .plus(DoorCodeGuard.LOCK)));
        assertThat(guard.locked(t)).isTrue();
        assertThat(enter("next", "1234", "1234", t)).isInstanceOf(DoorCodeGuard.Verdict.Refused.class)
                .extracting(v -> ((DoorCodeGuard.Verdict.Refused) v).reason()).isEqualTo("door release locked");
        Instant after = t.plus(DoorCodeGuard.LOCK);
        assertThat(guard.locked(after)).isFalse();
        assertThat(enter("later", "1234", "1234", after)).isInstanceOf(DoorCodeGuard.Verdict.Open.class);
    }

    @Test
    void wrongCodesSpreadOverMoreThanTheWindowDoNotLock() {
        Instant t = T0;
        for (int i = 0; i < 20; i++) {
            DoorCodeGuard.Verdict verdict = enter("call-" + i, "0000", "1234", t);
            assertThat(verdict).isInstanceOf(DoorCodeGuard.Verdict.Refused.class);
            assertThat(((DoorCodeGuard.Verdict.Refused) verdict).lockedNow()).isFalse();
            t = t.plus(Duration.ofMinutes(2));
        }
        assertThat(guard.locked(t)).isFalse();
    }
}
