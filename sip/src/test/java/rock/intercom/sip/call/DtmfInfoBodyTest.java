package rock.intercom.sip.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a SIP INFO body means for the response (RFC 6086 legacy DTMF usage). */
class DtmfInfoBodyTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
        # name                               | content type           | body (\\n = line break)     | outcome
        dtmf-relay digit                     | application/dtmf-relay | Signal=5\\nDuration=160     | digit 5
        dtmf-relay CRLF, spaces              | application/dtmf-relay | Signal= 9 \\r\\nDuration=100 | digit 9
        dtmf-relay star                      | application/dtmf-relay | Signal=*\\nDuration=160     | digit *
        dtmf-relay hash                      | application/dtmf-relay | Signal=#                   | digit #
        dtmf-relay letter, lower case        | application/dtmf-relay | Signal=d                   | digit D
        dtmf-relay event 10 is star          | application/dtmf-relay | Signal=10                  | digit *
        dtmf-relay event 11 is hash          | application/dtmf-relay | Signal=11                  | digit #
        dtmf-relay event 15 is D             | application/dtmf-relay | Signal=15                  | digit D
        dtmf-relay Duration first            | application/dtmf-relay | Duration=160\\nsignal=3     | digit 3
        type in upper case                   | APPLICATION/DTMF-RELAY | Signal=1                   | digit 1
        application/dtmf digit               | application/dtmf       | 7                          | digit 7
        application/dtmf with line end       | application/dtmf       | 0\\r\\n                      | digit 0
        no body                              | NULL                   | NULL                       | empty
        no body but a type                   | application/dtmf-relay | NULL                       | empty
        text/plain                           | text/plain             | hello                      | 415
        SDP in an INFO                       | application/sdp        | v=0                        | 415
        body without a type                  | NULL                   | Signal=5                   | 415
        dtmf-relay without Signal            | application/dtmf-relay | Duration=160               | 400
        dtmf-relay with an unknown signal    | application/dtmf-relay | Signal=X                   | 400
        dtmf-relay event 16 (flash)          | application/dtmf-relay | Signal=16                  | 400
        dtmf-relay empty signal              | application/dtmf-relay | Signal=                    | 400
        application/dtmf two digits          | application/dtmf       | 12                         | 400
        application/dtmf word                | application/dtmf       | five                       | 400
        """)
    void classifiesTheBody(String name, String contentType, String body, String outcome) {
        String type = contentType == null ? null : contentType.split("/")[0];
        String subtype = contentType == null ? null : contentType.split("/")[1];
        byte[] raw = body == null ? null : body.replace("\\r", "\r").replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);
        DtmfInfoBody parsed = DtmfInfoBody.parse(type, subtype, raw);
        switch (outcome) {
            case "empty" -> assertThat(parsed).isInstanceOf(DtmfInfoBody.Empty.class);
            case "415" -> assertThat(parsed).isInstanceOf(DtmfInfoBody.Unsupported.class);
            case "400" -> assertThat(parsed).isInstanceOf(DtmfInfoBody.Malformed.class);
            default -> assertThat(parsed).isEqualTo(new DtmfInfoBody.Digit(outcome.charAt("digit ".length())));
        }
    }

    @org.junit.jupiter.api.Test
    void aHugeDtmfBodyIsMalformedNotRead() {
        byte[] huge = ("Signal=5\n" + "x".repeat(DtmfInfoBody.MAX_BYTES)).getBytes(StandardCharsets.UTF_8);
        assertThat(DtmfInfoBody.parse("application", "dtmf-relay", huge)).isInstanceOf(DtmfInfoBody.Malformed.class);
    }
}
