package rock.intercom.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The guide's two ways to hand caller checks to the SIP server: an explicit v3.7.0 mode wins over the v3.6.3 parameter. */
class IncomingCallModePrecedenceTest {

    @ParameterizedTest(name = "mode {0}, parameter {1} → {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            -              | -       | EXTENSION_LIST
            -              | true    | SIP_SERVER
            -              | TRUE    | SIP_SERVER
            -              | ' true '| SIP_SERVER
            -              | false   | EXTENSION_LIST
            -              | yes     | EXTENSION_LIST
            -              | ''      | EXTENSION_LIST
            EXTENSION_LIST | -       | EXTENSION_LIST
            EXTENSION_LIST | true    | EXTENSION_LIST
            EXTENSION_LIST | false   | EXTENSION_LIST
            SIP_SERVER     | -       | SIP_SERVER
            SIP_SERVER     | true    | SIP_SERVER
            SIP_SERVER     | false   | SIP_SERVER
            """)
    void explicitModeWinsAndTheParameterAloneSelectsSipServer(IncomingCallMode mode, String parameter,
            IncomingCallMode expected) {
        var custom = new HashMap<String, String>();
        custom.put("vendor.other", "true");
        if (parameter != null) {
            custom.put(DeviceSettings.SERVER_CONTROLS_ALLOWED_CALLERS, parameter);
        }
        SipSettings sip = new SipSettings(true, null, null, null, "400", List.of(), CallOptions.DEFAULTS,
                new IncomingCalls(true, mode, List.of()), null);

        assertThat(new DeviceSettings(new Device("d1", null), sip, custom).effectiveIncomingCallMode()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no sip section        | 'device: {id: d1}\ncustomConfiguration: {intercom.default_server_controls_allowed_callers: "true"}' | SIP_SERVER
            no incomingCalls      | 'device: {id: d1}\nsip: {enabled: false}'                                                             | EXTENSION_LIST
            mode null, param true | 'device: {id: d1}\nsip: {incomingCalls: {mode: null}}\ncustomConfiguration: {intercom.default_server_controls_allowed_callers: true}' | SIP_SERVER
            the shipped example   | '<example>'                                                                                           | EXTENSION_LIST
            """)
    void precedenceHoldsForDocumentsAsRead(String label, String yaml, IncomingCallMode expected) {
        String text = yaml.equals("<example>") ? Documents.exampleYaml() : yaml.replace("\\n", "\n");

        assertThat(Documents.CODEC.readYaml(text).effectiveIncomingCallMode()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "mode {0}, parameter {1} → effectiveMode {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            -              | -     | EXTENSION_LIST
            -              | true  | SIP_SERVER
            -              | false | EXTENSION_LIST
            EXTENSION_LIST | true  | EXTENSION_LIST
            SIP_SERVER     | false | SIP_SERVER
            """)
    void theApiViewReportsTheEffectiveModeAndIgnoresItWhenSentBack(String mode, String parameter, String expected) {
        String yaml = "device: {id: d1}\nsip: {incomingCalls: {allow: true" + (mode == null ? "" : ", mode: " + mode) + "}}\n"
                + (parameter == null ? "" : "customConfiguration: {intercom.default_server_controls_allowed_callers: \"" + parameter + "\"}\n");
        DeviceSettings settings = Documents.CODEC.readYaml(yaml);

        var view = Documents.CODEC.redactedTree(settings);

        assertThat(view.at("/sip/incomingCalls/effectiveMode").asText()).isEqualTo(expected);
        assertThat(view.at("/sip/incomingCalls/mode").isNull()).isEqualTo(mode == null);
        // A client that sends the fetched view back (even with the read-only key changed) changes nothing.
        ((com.fasterxml.jackson.databind.node.ObjectNode) view.at("/sip/incomingCalls")).put("effectiveMode", "SIP_SERVER");
        assertThat(Documents.CODEC.read(view).sip().incomingCalls()).isEqualTo(settings.sip().incomingCalls());
        assertThat(Documents.CODEC.read(view).effectiveIncomingCallMode().name()).isEqualTo(expected);
    }
}
