package rock.intercom.portal.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rock.intercom.portal.Json;

/** Event details read the same way every time, whatever order they were recorded in. */
class EventDetailsTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a failed attempt, keys shuffled | {"sipReason":"Busy Here","of":3,"media":"SRTP","sipStatus":486,"attempt":2,"number":"401"} | Number 401 · attempt 2 of 3 · 486 Busy Here · SRTP
            established                     | {"callId":"abc","direction":"outgoing","attempt":1,"of":1,"number":"400","media":"RTP"}    | Number 400 · outgoing · attempt 1 of 1 · RTP · Call-ID abc
            status without phrase           | {"sipStatus":408}                                                                            | 408
            hung up                         | {"side":"remote","caller":"sip:400@pbx"}                                                       | Caller sip:400@pbx · hung up by remote
            unknown keys last, sorted       | {"zeta":"z","alpha":1,"number":"400"}                                                          | Number 400 · alpha 1 · zeta z
            a list                          | {"changed":["sip.callNumber","sip.enabled"],"user":"admin"}                                    | user admin · changed sip.callNumber, sip.enabled
            nothing                         | {}                                                                                             | ''
            """)
    void fixedOrderWithLabels(String label, String json, String expected) throws Exception {
        Map<String, Object> details = Json.MAPPER.readValue(json, new TypeReference<Map<String, Object>>() { });

        assertThat(EventDetailsText.text(details)).isEqualTo(expected.equals("''") ? "" : expected);
    }
}
