package rock.intercom.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import rock.intercom.settings.SipUri;
import rock.intercom.settings.SipUriResult;

/** The Allow Incoming Calls list matcher. */
class AllowedCallersTest {

    private static final AllowedCallers LIST = AllowedCallers.of(Arrays.asList(
            "sip:200@pbx.example.com", "sips:guard@example.com", "not a uri", null, "sip:201@10.0.0.5:5070"));

    @ParameterizedTest(name = "{0} allowed: {1}")
    @CsvSource(delimiter = '|', value = {
            "sip:200@pbx.example.com | true",
            "sip:200@PBX.Example.Com | true",
            "\"Desk\" <sip:200@pbx.example.com> | true",
            "sip:200@pbx.example.com;user=phone | false",
            "sip:200@pbx.example.com:5060 | false",
            "sips:guard@EXAMPLE.com | true",
            "sip:guard@example.com | false",
            "sip:201@10.0.0.5:5070 | true",
            "sip:201@10.0.0.5 | false",
            "sip:202@pbx.example.com | false"})
    void matchesByRfc3261Comparison(String caller, boolean allowed) {
        assertThat(LIST.allows(SipUri.parse(caller).uriOrNull())).isEqualTo(allowed);
    }

    @Test
    void malformedEntriesAreReportedAndAllowNobody() {
        assertThat(LIST.size()).isEqualTo(3);
        assertThat(LIST.malformedEntries()).extracting(SipUriResult.Malformed::input).containsExactly("not a uri", "");
        assertThat(LIST.allows(null)).isFalse();
        assertThat(AllowedCallers.of(null).allows(SipUri.parse("sip:200@pbx.example.com").uriOrNull())).isFalse();
        assertThat(AllowedCallers.of(List.of()).size()).isZero();
    }
}
