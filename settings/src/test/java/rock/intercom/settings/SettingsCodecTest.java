package rock.intercom.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsCodecTest {

    private final SettingsCodec codec = new SettingsCodec();

    @Test
    void readsTheShippedExampleWithEveryField() {
        DeviceSettings settings = codec.readYaml(Documents.exampleYaml());

        assertThat(settings.device()).isEqualTo(new Device("rockx-505", "RockX-505"));
        SipSettings sip = settings.sip();
        assertThat(sip.enabled()).isFalse();
        assertThat(sip.server()).isEqualTo(new SipServer("10.40.0.224", 5060, Transport.TCP, 30, null));
        assertThat(sip.encryption()).isEqualTo(Encryption.RTP_OPTIONAL_SRTP);
        assertThat(sip.identity()).isEqualTo(new Identity("505", "change-me", "RockX-505", "505"));
        assertThat(sip.callNumber()).isEqualTo("400");
        assertThat(sip.fallbackNumbers()).containsExactly("401", "402");
        assertThat(sip.callOptions()).isEqualTo(new CallOptions(80, 70, 35, VideoCalls.OFF));
        assertThat(sip.incomingCalls()).isEqualTo(new IncomingCalls(true, null,
                List.of("sip:400@10.40.0.224")));
        assertThat(sip.proxy()).isEqualTo(new Proxy(false, null, 5060, null, null));
        assertThat(settings.customConfiguration())
                .containsExactly(entry(DeviceSettings.SERVER_CONTROLS_ALLOWED_CALLERS, "false"));
    }

    @Test
    void theExampleSurvivesARoundTripThroughYamlAndThroughTheFullJsonTree() {
        DeviceSettings example = codec.readYaml(Documents.exampleYaml());

        String yaml = codec.writeYaml(example);

        assertThat(codec.readYaml(yaml)).isEqualTo(example);
        assertThat(codec.readYaml(codec.writeYaml(codec.readYaml(yaml)))).isEqualTo(example);
        assertThat(codec.read(new SettingsWriter().full(example))).isEqualTo(example);
        // Numbers that are dial strings stay text in the file, so no YAML reader takes them for integers.
        assertThat(yaml).contains("callNumber: \"400\"").contains("authUsername: \"505\"");
    }

    @Test
    void directCallsAreOffUnlessTheDocumentTurnsThemOnAndTheChoiceSurvivesTheRoundTrip() {
        assertThat(Documents.enabledExample().sip().incomingCalls().acceptDirectCalls()).isFalse();
        DeviceSettings settings = Documents.with(Documents.enabledExample(), "sip.incomingCalls.acceptDirectCalls", "true");

        assertThat(settings.sip().incomingCalls().acceptDirectCalls()).isTrue();
        assertThat(codec.readYaml(codec.writeYaml(settings))).isEqualTo(settings);
        assertThat(codec.readJson(codec.writeRedactedJson(settings)).sip().incomingCalls().acceptDirectCalls()).isTrue();
    }

    @Test
    void theVideoSizeIsOptionalAndSurvivesTheRoundTrip() {
        DeviceSettings example = codec.readYaml(Documents.exampleYaml());
        assertThat(example.sip().callOptions().video()).isEqualTo(VideoOptions.DEFAULTS);

        DeviceSettings small = codec.readYaml(Documents.exampleYaml().replace("videoCalls: OFF",
                "videoCalls: BOTH, video: { width: 320, height: 240, frameRate: 10 }"));
        assertThat(small.sip().callOptions().video()).isEqualTo(new VideoOptions(320, 240, 10));
        assertThat(codec.readYaml(codec.writeYaml(small))).isEqualTo(small);
        assertThat(codec.redactedTree(small).at("/sip/callOptions/video").toString())
            .isEqualTo("{\"width\":320,\"height\":240,\"frameRate\":10}");
    }

    @Test
    void aCertificateChainSurvivesTheRoundTrip() {
        String pem = Documents.resource("certificates/ca.pem") + Documents.resource("certificates/second-ca.pem");
        DeviceSettings settings = Documents.with(Documents.enabledExample(), "sip.server.caCertificatePem", Documents.quoted(pem));

        assertThat(codec.readYaml(codec.writeYaml(settings)).sip().server().caCertificatePem()).isEqualTo(pem);
        assertThat(codec.readJson(codec.writeRedactedJson(settings)).sip().server().caCertificatePem()).isEqualTo(pem);
    }

    @ParameterizedTest(name = "password [{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            null
            Null
            ~
            yes
            off
            0x10
            0400
            1e3
            #hash
            a: b
            - x
            `'single'`
            "double"
            ` leading`
            `trailing `
            *star
            &anchor
            !tag
            %percent
            @at
            `a\nb`
            ünïcödé
            ``
            """)
    void anyPasswordSurvivesTheConfigFile(String password) {
        String text = password.replace("\\n", "\n");
        DeviceSettings settings = Documents.with(Documents.enabledExample(), "sip.identity.authPassword", Documents.quoted(text));

        assertThat(codec.readYaml(codec.writeYaml(settings)).sip().identity().authPassword()).isEqualTo(text);
    }

    @ParameterizedTest(name = "YAML {0} reads as {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            callNumber: 0400        | 0400
            callNumber: "0400"      | 0400
            callNumber: 400         | 400
            callNumber: '*99#'      | *99#
            callNumber: 1e3         | 1e3
            """)
    void yamlScalarsAreKeptAsWritten(String line, String expected) {
        DeviceSettings settings = codec.readYaml("device: {id: d1}\nsip:\n  " + line + "\n");

        assertThat(settings.sip().callNumber()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "YAML {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            videoCalls: OFF         | OFF
            videoCalls: off         | OFF
            videoCalls: Both        | BOTH
            videoCalls: null        | OFF
            """)
    void yamlBooleanWordsDoNotHijackChoices(String line, VideoCalls expected) {
        DeviceSettings settings = codec.readYaml("device: {id: d1}\nsip:\n  callOptions:\n    " + line + "\n");

        assertThat(settings.sip().callOptions().videoCalls()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} = {1} → {2}: {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            sip.server.port                   | "abc"            | sip.server.port                   | must be a whole number
            sip.server.port                   | 50.5             | sip.server.port                   | must be a whole number
            sip.server.port                   | "50.5"           | sip.server.port                   | must be a whole number
            sip.server.port                   | true             | sip.server.port                   | must be a whole number
            sip.server.port                   | 99999999999      | sip.server.port                   | is too large
            sip.server.port                   | [5060]           | sip.server.port                   | must be a whole number
            sip.server.transport              | "SCTP"           | sip.server.transport              | must be one of UDP, TCP, TLS
            sip.server.transport              | 5                | sip.server.transport              | must be one of UDP, TCP, TLS
            sip.encryption                    | "AES"            | sip.encryption                    | must be one of RTP_OPTIONAL_SRTP, SRTP_ONLY
            sip.callOptions.videoCalls        | "SOMETIMES"      | sip.callOptions.videoCalls        | must be one of OFF, OUTGOING_ONLY, INCOMING_ONLY, BOTH
            sip.callOptions.speakerVolume     | "loud"           | sip.callOptions.speakerVolume     | must be a whole number
            sip.incomingCalls.mode            | "ANYONE"         | sip.incomingCalls.mode            | must be one of EXTENSION_LIST, SIP_SERVER
            sip.incomingCalls.allow           | "maybe"          | sip.incomingCalls.allow           | must be true or false
            sip.incomingCalls.acceptDirectCalls | "yes"          | sip.incomingCalls.acceptDirectCalls | must be true or false
            sip.enabled                       | 1                | sip.enabled                       | must be true or false
            sip.server                        | "10.0.0.1"       | sip.server                        | must be an object (key: value pairs)
            sip.identity.authUsername         | {"a": 1}         | sip.identity.authUsername         | must be text
            sip.fallbackNumbers               | "401"            | sip.fallbackNumbers               | must be a list
            sip.fallbackNumbers               | ["401", ["402"]] | sip.fallbackNumbers[1]            | must be text
            sip.fallbackNumbers               | [null]           | sip.fallbackNumbers[0]            | must not be empty
            sip.identity.colour               | "red"            | sip.identity.colour               | is not a known setting
            sip.serverr                       | {}               | sip.serverr                       | is not a known setting
            sip.proxy.passwd                  | "x"              | sip.proxy.passwd                  | is not a known setting
            extra                             | 1                | extra                             | is not a known setting
            device                            | 5                | device                            | must be an object (key: value pairs)
            customConfiguration               | "x"              | customConfiguration               | must be an object (key: value pairs)
            customConfiguration.vendor.list   | [1, 2]           | customConfiguration.vendor.list   | must be text
            customConfiguration.vendor.none   | null             | customConfiguration.vendor.none   | must have a value
            """)
    void typeErrorsComeBackByFieldPath(String path, String json, String errorPath, String message) {
        var tree = Documents.treeWith(Documents.enabledExample(), path, json);

        SettingsRejected rejected = catchThrowableOfType(SettingsRejected.class, () -> codec.read(tree));

        assertThat(rejected.errors()).containsExactly(entry(errorPath, message));
        assertThat(rejected.getStackTrace()).isEmpty();
    }

    @Test
    void everyTypeErrorOfAJsonDocumentIsReportedAtOnce() {
        String json = """
                {"device": {"id": "d1", "colour": "red"},
                 "sip": {"enabled": "yes", "server": {"port": "abc", "transport": "SCTP"}, "fallbackNumbers": "401"}}
                """;

        assertThatThrownBy(() -> codec.readJson(json)).isInstanceOfSatisfying(SettingsRejected.class, rejected ->
                assertThat(rejected.errors()).containsOnlyKeys("device.colour", "sip.enabled", "sip.server.port",
                        "sip.server.transport", "sip.fallbackNumbers"));
    }

    @Test
    void unknownCustomConfigurationKeysAreKeptInOrderAndWrittenBack() {
        DeviceSettings settings = codec.readYaml("""
                device: {id: d1}
                customConfiguration:
                  vendor.zeta: "1"
                  vendor.alpha: yes
                  intercom.default_server_controls_allowed_callers: "true"
                  vendor.count: 3
                """);

        assertThat(settings.customConfiguration()).containsExactly(entry("vendor.zeta", "1"), entry("vendor.alpha", "yes"),
                entry(DeviceSettings.SERVER_CONTROLS_ALLOWED_CALLERS, "true"), entry("vendor.count", "3"));
        assertThat(codec.readJson(codec.writeRedactedJson(settings)).customConfiguration())
                .containsExactlyEntriesOf(settings.customConfiguration());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            empty JSON          | JSON | ``                              | must not be empty
            JSON list           | JSON | [1, 2]                          | must be a settings object
            truncated JSON      | JSON | {"device": {"id": "d1"         | is not valid JSON (line 1, column
            duplicate JSON key  | JSON | {"device": {}, "device": {}}    | Duplicate field 'device'
            YAML scalar         | YAML | just words                      | must be a settings object
            YAML bad indent     | YAML | `device:\n  id: a\n bad: [`     | is not valid YAML (line
            duplicate YAML key  | YAML | `device: {id: a}\ndevice: {}`   | Duplicate field 'device'
            deep YAML           | YAML | [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]] | nested too deeply
            """)
    void malformedDocumentsAreRejectedAsAWhole(String label, String format, String text, String message) {
        String document = text.replace("\\n", "\n");

        SettingsRejected rejected = catchThrowableOfType(SettingsRejected.class,
                () -> read(format, document));

        assertThat(rejected.errors()).containsOnlyKeys("document");
        assertThat(rejected.errors().get("document")).contains(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            JSON | {"sip": {"identity": {"authPassword": Hunter2Secret}}}
            JSON | {"sip": {"identity": {"authPassword": "Hunter2Secret}}}
            YAML | `sip:\n  identity: {authPassword: Hunter2Secret\n  x: [`
            YAML | `sip:\n  identity:\n    authPassword: "Hunter2Secret\n  bad`
            """)
    void parseErrorsNeverEchoThePassword(String format, String text) {
        String document = text.replace("\\n", "\n");

        SettingsRejected rejected = catchThrowableOfType(SettingsRejected.class,
                () -> read(format, document));

        assertThat(rejected.errors()).containsOnlyKeys("document");
        assertThat(rejected.getMessage()).doesNotContain("Hunter2");
        assertThat(rejected.errors().toString()).doesNotContain("Hunter2");
    }

    @Test
    void tooLargeDocumentsAreRefusedBeforeParsing() {
        String huge = "device: {id: d1}\n#" + "x".repeat(SettingsCodec.MAX_DOCUMENT_CHARS);

        assertThatThrownBy(() -> codec.readYaml(huge)).isInstanceOfSatisfying(SettingsRejected.class,
                rejected -> assertThat(rejected.errors()).containsOnlyKeys("document"));
    }

    @Test
    void aMinimalDocumentGetsSafeDefaults() {
        DeviceSettings settings = codec.readJson("{\"device\": {\"id\": \"d1\"}}");

        assertThat(settings.sip().enabled()).isFalse();
        assertThat(settings.sip().incomingCalls().allow()).isFalse();
        assertThat(settings.sip().proxy().enabled()).isFalse();
        assertThat(settings.sip().callOptions()).isEqualTo(CallOptions.DEFAULTS);
        assertThat(new SettingsValidator().validate(settings).asMap()).isEmpty();
    }

    private DeviceSettings read(String format, String document) {
        return format.equals("JSON") ? codec.readJson(document) : codec.readYaml(document);
    }
}
