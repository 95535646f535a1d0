package rock.intercom.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsDiffTest {

    static JsonNode read(String json) throws Exception {
        return Json.MAPPER.readTree(json.replace('\'', '"'));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "same                 | {'sip':{'server':{'port':5060}}} | {'sip':{'server':{'port':5060}}} | {}                                       | ''",
        "port changed         | {'sip':{'server':{'port':5060}}} | {'sip':{'server':{'port':5070}}} | {}                                       | sip.server.port",
        "list changed         | {'sip':{'fallbackNumbers':['1']}} | {'sip':{'fallbackNumbers':['1','2']}} | {}                              | sip.fallbackNumbers",
        "custom key added     | {'customConfiguration':{}}       | {'customConfiguration':{'a.b':'1'}} | {}                                    | customConfiguration.a.b",
        "password set         | {'sip':{'identity':{'authPasswordSet':false}}} | {'sip':{'identity':{'authPasswordSet':true}}} | {'sip':{'identity':{'authPassword':'x'}}} | sip.identity.authPassword",
        "blank password       | {}                               | {}                               | {'sip':{'identity':{'authPassword':''}}} | ''"})
    void namesEveryChangedField(String name, String before, String after, String document, String expected)
            throws Exception {
        assertThat(String.join(",", SettingsDiff.changedFields(read(before), read(after), read(document))))
                .isEqualTo(expected);
    }
}
