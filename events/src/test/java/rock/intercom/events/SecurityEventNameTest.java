package rock.intercom.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecurityEventNameTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "Dialing, DIALING",
        "Call Established, CALL_ESTABLISHED",
        "Call Failed, CALL_FAILED",
        "Hanging Up, HANGING_UP",
        "Call Rejected, CALL_REJECTED",
        "Incoming Call, INCOMING_CALL",
    })
    void theGuideNamesMapToTheirConstants(String label, SecurityEventName name) {
        assertThat(SecurityEventName.fromLabel(label)).contains(name);
        assertThat(name.label()).isEqualTo(label);
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource({"dialing", "DIALING", "Call  Failed", "Hangup", "''"})
    void otherSpellingsAreNotNames(String label) {
        assertThat(SecurityEventName.fromLabel(label)).isEmpty();
    }
}
