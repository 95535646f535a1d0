package rock.intercom.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import rock.intercom.call.CallCommand.RecordEvent;
import rock.intercom.call.media.AgreedMedia;
import rock.intercom.events.SecurityEventName;

/**
 * {@code Call Established} and {@code Incoming Call} name what protects the media (issue 6) from
 * the input that established the call — the SIP adapter applied the SDP before posting it — and
 * leave it out when the input knows none (a MediaFailed follows then).
 */
class MediaInEventsTest {

    private static final AgreedMedia SRTP = new AgreedMedia("SRTP AES_CM_128_HMAC_SHA1_80", "PCMU");
    private static final AgreedMedia RTP = new AgreedMedia("RTP", "G722");

    record Row(String name, boolean incoming, AgreedMedia media, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("outgoing, SRTP agreed", false, SRTP, "SRTP AES_CM_128_HMAC_SHA1_80"),
                new Row("outgoing, plain RTP agreed", false, RTP, "RTP"),
                new Row("outgoing, answer unusable", false, null, null),
                new Row("incoming, SRTP agreed", true, SRTP, "SRTP AES_CM_128_HMAC_SHA1_80"),
                new Row("incoming, plain RTP agreed", true, RTP, "RTP"),
                new Row("incoming, answer unusable", true, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theEstablishingEventTakesTheMediaFromTheInput(Row row) {
        Harness harness = row.incoming() ? new Harness(IncomingCallTest.allowing()) : new Harness();
        SecurityEventName name;
        if (row.incoming()) {
            harness.run(List.of(IncomingCallTest.inviteFrom("in-1", IncomingCallTest.CALLER),
                    new CallInput.IncomingAcknowledged("in-1", row.media())));
            name = SecurityEventName.INCOMING_CALL;
        } else {
            harness.run(List.of(new CallInput.ButtonPressed()));
            String callId = harness.call.state().leg().callId();
            harness.run(List.of(new CallInput.Answered(callId, row.media())));
            name = SecurityEventName.CALL_ESTABLISHED;
        }

        RecordEvent event = harness.events().stream().filter(e -> e.name() == name).findFirst().orElseThrow();
        if (row.expected() == null) {
            assertThat(event.details()).doesNotContainKey(EventDetails.MEDIA);
        } else {
            assertThat(event.details()).containsEntry(EventDetails.MEDIA, row.expected());
        }
    }
}
