package rock.intercom.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import rock.intercom.call.CallCommand.RecordEvent;
import rock.intercom.events.NewEvent;
import rock.intercom.events.SecurityEventName;

/** Every event carries the Call-ID and the attempt (issue 4), and details are store-ready. */
class EventDetailsTest {

    record Scenario(String name, Harness harness) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Scenario> scenarios() {
        Stream<Scenario> outgoing = OutgoingCallTest.rows().map(row -> {
            var harness = new Harness();
            harness.run(row.inputs());
            return new Scenario(row.name(), harness);
        });
        Stream<Scenario> incoming = IncomingCallTest.rows().map(row -> {
            var harness = new Harness(IncomingCallTest.allowing());
            harness.run(row.inputs());
            return new Scenario(row.name(), harness);
        });
        // Rows that record no event (answering, a retransmission) have nothing to check here.
        return Stream.concat(outgoing, incoming).filter(scenario -> !scenario.harness().events().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyEventCarriesCallIdAttemptAndDirection(Scenario scenario) {
        assertThat(scenario.harness().events()).isNotEmpty().allSatisfy(event -> {
            assertThat(event.details()).containsKeys("callId", "attempt", "of", "direction");
            assertThat(event.details().get("callId")).asString().isNotBlank();
            assertThat(event.toNewEvent("door-1")).isEqualTo(new NewEvent("door-1", event.name().label(), event.details()));
        });
    }

    @Test
    void nullDetailValuesAreRefusedWhereTheyAreMade() {
        var details = new HashMap<String, Object>();
        details.put("callId", null);

        assertThatThrownBy(() -> new RecordEvent(SecurityEventName.DIALING, details))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("null in event details of Dialing: callId=null");
    }

    @Test
    void eventNamesAreTheGuidesLabels() {
        var event = new RecordEvent(SecurityEventName.CALL_ESTABLISHED, Map.of("callId", "c"));

        assertThat(event.toNewEvent("door-1").name()).isEqualTo("Call Established");
    }
}
