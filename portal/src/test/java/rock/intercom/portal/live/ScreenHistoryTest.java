package rock.intercom.portal.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the device page lists the door's screens: the guide's states, and Idle after a call as its end. */
class ScreenHistoryTest {

    @ParameterizedTest(name = "{0} then {1} → {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            -           | DIALING     | Dialing 400…    | Dialing 400…
            DIALING     | RINGING     | Ringing 400…    | Ringing 400…
            RINGING     | CONNECTED   | Connected 400   | Connected 400
            CONNECTED   | IDLE        | Idle            | Call ended
            INCOMING    | IDLE        | Idle            | Call ended
            DIALING     | IDLE        | Idle            | Call ended
            DIALING     | CALL_FAILED | Call failed     | Call failed
            CALL_FAILED | IDLE        | Idle            | Idle
            -           | IDLE        | Idle            | Idle
            IDLE        | IDLE        | Idle            | Idle
            """)
    void labels(String previous, String kind, String text, String label) {
        ScreenChange before = previous == null ? null : new ScreenChange(previous, previous, Instant.EPOCH);

        assertThat(ScreenHistory.label(before, new ScreenChange(kind, text, Instant.EPOCH))).isEqualTo(label);
    }

    @Test
    void keepsTheLastEntriesInOrder() {
        ScreenHistory history = new ScreenHistory(3);
        for (String kind : new String[] {"DIALING", "RINGING", "CONNECTED", "IDLE"}) {
            history.add(new ScreenChange(kind, kind.toLowerCase(), Instant.EPOCH));
        }

        assertThat(history.entries().stream().map(ScreenHistory.Entry::label))
                .containsExactly("ringing", "connected", "Call ended");
    }
}
