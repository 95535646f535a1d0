package rock.intercom.fleet.central;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import rock.intercom.fleet.Wire;
import rock.intercom.portal.PortalProblem;

/** RFC 7396 Appendix A's examples (those with an object target and patch), and what a fleet push refuses. */
class SettingsPatchTest {

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "{\"a\":\"b\"}                | {\"a\":\"c\"}              | {\"a\":\"c\"}",
        "{\"a\":\"b\"}                | {\"b\":\"c\"}              | {\"a\":\"b\",\"b\":\"c\"}",
        "{\"a\":\"b\"}                | {\"a\":null}               | {}",
        "{\"a\":\"b\",\"b\":\"c\"}    | {\"a\":null}               | {\"b\":\"c\"}",
        "{\"a\":[\"b\"]}              | {\"a\":\"c\"}              | {\"a\":\"c\"}",
        "{\"a\":\"c\"}                | {\"a\":[\"b\"]}            | {\"a\":[\"b\"]}",
        "{\"a\":{\"b\":\"c\"}}        | {\"a\":{\"b\":\"d\",\"c\":null}} | {\"a\":{\"b\":\"d\"}}",
        "{\"a\":[{\"b\":\"c\"}]}      | {\"a\":[1]}                | {\"a\":[1]}",
        "{\"e\":null}                 | {\"a\":1}                  | {\"e\":null,\"a\":1}",
        "{}                           | {\"a\":{\"bb\":{\"ccc\":null}}} | {\"a\":{\"bb\":{}}}",
    })
    void mergesAsRfc7396Says(String target, String patch, String expected) throws Exception {
        ObjectNode document = (ObjectNode) Wire.MAPPER.readTree(target);
        ObjectNode merged = SettingsPatch.of(Wire.MAPPER.readTree(patch)).applyTo(document);
        assertThat(merged).isEqualTo(Wire.MAPPER.readTree(expected));
        assertThat(document).as("the device's own document is not changed").isEqualTo(Wire.MAPPER.readTree(target));
    }

    @Test
    void aDoorsIdentityAnEmptyPatchOrANonObjectAreRefused() {
        for (String patch : new String[] {"{\"device\":{\"id\":\"x\"}}", "{}", "[1]", "\"sip\""}) {
            assertThatThrownBy(() -> SettingsPatch.of(Wire.MAPPER.readTree(patch))).isInstanceOf(PortalProblem.class)
                    .extracting(e -> ((PortalProblem) e).status()).isEqualTo(400);
        }
        assertThatThrownBy(() -> SettingsPatch.of(null)).isInstanceOf(PortalProblem.class);
    }
}
