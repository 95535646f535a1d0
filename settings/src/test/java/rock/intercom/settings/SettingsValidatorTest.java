package rock.intercom.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static rock.intercom.settings.Documents.ABSENT;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsValidatorTest {

    private final SettingsValidator validator = new SettingsValidator();

    @Test
    void theShippedExampleIsValidWithSipOffAndOn() {
        assertThat(validator.validate(Documents.example()).asMap()).isEmpty();
        assertThat(validator.validate(Documents.enabledExample()).asMap()).isEmpty();
    }

    @ParameterizedTest(name = "{0} = {1} is accepted")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            sip.server.address                | "pbx.example.com"
            sip.server.address                | "pbx"
            sip.server.address                | "10.0.0.1"
            sip.server.address                | "255.255.255.255"
            sip.server.address                | "::1"
            sip.server.address                | "[2001:db8::1]"
            sip.server.address                | "2001:db8:0:0:0:0:0:1"
            sip.server.address                | "::ffff:10.0.0.1"
            sip.server.address                | "fe80::1%eth0"
            sip.server.port                   | 1
            sip.server.port                   | 65535
            sip.server.port                   | null
            sip.server.transport              | "UDP"
            sip.server.transport              | "TLS"
            sip.server.pollingIntervalSeconds | 10
            sip.server.pollingIntervalSeconds | 3600
            sip.server.pollingIntervalSeconds | null
            sip.server.caCertificatePem       | null
            sip.encryption                    | "SRTP_ONLY"
            sip.identity.authUsername         | "Door7"
            sip.identity.authUsername         | "505"
            sip.identity.authPassword         | null
            sip.identity.displayName          | "Front door 505"
            sip.identity.displayName          | null
            sip.identity.extension            | "505"
            sip.callNumber                    | "*99#"
            sip.callNumber                    | "+4930123456"
            sip.callNumber                    | "reception"
            sip.fallbackNumbers               | []
            sip.fallbackNumbers               | ["401", "0", "*9"]
            sip.callOptions.microphoneVolume  | 0
            sip.callOptions.microphoneVolume  | 100
            sip.callOptions.speakerVolume     | 0
            sip.callOptions.speakerVolume     | 100
            sip.callOptions.callTimeoutSeconds| 5
            sip.callOptions.callTimeoutSeconds| 300
            sip.callOptions.videoCalls        | "BOTH"
            sip.callOptions.video             | {"width": 1920, "height": 1080, "frameRate": 30}
            sip.callOptions.video             | {"width": 160, "height": 120, "frameRate": 1}
            sip.callOptions.video             | {"width": 320}
            sip.incomingCalls.allowedCallers  | []
            sip.incomingCalls.acceptDirectCalls | true
            sip.incomingCalls.acceptDirectCalls | false
            sip.incomingCalls.allowedCallers  | ["sips:alice@pbx.example.com:5061"]
            sip.incomingCalls.allowedCallers  | ["sip:400@[2001:db8::1]:5060;transport=tcp"]
            sip.incomingCalls.allowedCallers  | ["sip:%34%30%30@10.0.0.1", "sip:401@10.0.0.1"]
            sip.incomingCalls.mode            | null
            sip.incomingCalls.mode            | "SIP_SERVER"
            sip.proxy                         | {"enabled": true, "address": "proxy.lan", "port": 5070}
            sip.proxy                         | {"enabled": true, "address": "10.0.0.9"}
            sip.proxy                         | {"enabled": false, "address": null}
            sip.proxy.authUsername            | "proxy1"
            device.id                         | "door_1.a-b"
            device.name                       | null
            customConfiguration.vendor.flag   | "anything at all"
            customConfiguration.intercom.default_server_controls_allowed_callers | "false"
            """)
    void validValues(String path, String json) {
        DeviceSettings settings = Documents.with(Documents.enabledExample(), path, json);

        assertThat(validator.validate(settings).asMap()).isEmpty();
    }

    @ParameterizedTest(name = "{0} = {1} → {2}: {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            sip.server.address                | "10.40.0"                 | sip.server.address                 | must be an IP address or a domain name
            sip.server.address                | "999.1.1.1"               | sip.server.address                 | must be an IP address or a domain name
            sip.server.address                | "010.0.0.1"               | sip.server.address                 | must be an IP address or a domain name
            sip.server.address                | "pbx example.com"         | sip.server.address                 | must be an IP address or a domain name
            sip.server.address                | "-pbx.example.com"        | sip.server.address                 | must be an IP address or a domain name
            sip.server.address                | "pbx_1.lan"               | sip.server.address                 | must be an IP address or a domain name
            sip.server.address                | "1::2::3"                 | sip.server.address                 | must be an IP address or a domain name
            sip.server.address                | "12345::1"                | sip.server.address                 | must be an IP address or a domain name
            sip.server.address                | "sip:10.0.0.1"            | sip.server.address                 | must be an IP address or a domain name
            sip.server.address                | "10.0.0.1:5060"           | sip.server.address                 | must be an IP address or a domain name
            sip.server.address                | null                      | sip.server.address                 | is required
            sip.server.address                | ""                        | sip.server.address                 | is required
            sip.server.port                   | 0                         | sip.server.port                    | must be between 1 and 65535
            sip.server.port                   | 65536                     | sip.server.port                    | must be between 1 and 65535
            sip.server.port                   | -5060                     | sip.server.port                    | must be between 1 and 65535
            sip.server.transport              | null                      | sip.server.transport               | is required when SIP is enabled
            sip.server.pollingIntervalSeconds | 9                         | sip.server.pollingIntervalSeconds  | must be between 10 and 3600 seconds
            sip.server.pollingIntervalSeconds | 3601                      | sip.server.pollingIntervalSeconds  | must be between 10 and 3600 seconds
            sip.server.caCertificatePem       | "not a certificate"       | sip.server.caCertificatePem        | is not a valid X.509 PEM certificate
            sip.server.caCertificatePem       | "-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\\n" | sip.server.caCertificatePem | is not a valid X.509 PEM certificate
            sip.server.caCertificatePem       | "-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----\\n" | sip.server.caCertificatePem | is not a valid X.509 PEM certificate
            sip.encryption                    | null                      | sip.encryption                     | is required when SIP is enabled
            sip.identity.authUsername         | "door_505"                | sip.identity.authUsername          | may contain only letters and digits
            sip.identity.authUsername         | "jo hn"                   | sip.identity.authUsername          | may contain only letters and digits
            sip.identity.authUsername         | "505@pbx"                 | sip.identity.authUsername          | may contain only letters and digits
            sip.identity.authUsername         | null                      | sip.identity.authUsername          | is required when SIP is enabled
            sip.identity.authUsername         | ""                        | sip.identity.authUsername          | is required when SIP is enabled
            sip.identity.displayName          | "Door \\"5\\""            | sip.identity.displayName           | must not contain control characters
            sip.identity.displayName          | "Door\\r\\nVia: x"        | sip.identity.displayName           | must not contain control characters
            sip.identity.extension            | null                      | sip.identity.extension             | is required when SIP is enabled
            sip.identity.extension            | "sip:505@10.0.0.1"        | sip.identity.extension             | without sip:
            sip.callNumber                    | null                      | sip.callNumber                     | is required when SIP is enabled
            sip.callNumber                    | "sip:400"                 | sip.callNumber                     | enter the extension only, without sip:
            sip.callNumber                    | "SIPS:400@pbx"            | sip.callNumber                     | enter the extension only, without sip:
            sip.callNumber                    | "400@10.40.0.224"         | sip.callNumber                     | without @ and a host
            sip.callNumber                    | "40 0"                    | sip.callNumber                     | may contain only digits, letters
            sip.callNumber                    | "4+00"                    | sip.callNumber                     | may contain only digits, letters
            sip.callNumber                    | "123456789012345678901234567890123" | sip.callNumber           | must be at most 32 characters
            sip.fallbackNumbers               | ["401", "401"]            | sip.fallbackNumbers[1]             | is listed twice
            sip.fallbackNumbers               | ["401", "400"]            | sip.fallbackNumbers[1]             | repeats the call number
            sip.fallbackNumbers               | ["sip:401"]               | sip.fallbackNumbers[0]             | without sip:
            sip.fallbackNumbers               | ["1","2","3","4","5","6","7","8","9","10","11"] | sip.fallbackNumbers | at most 10 numbers
            sip.callOptions.microphoneVolume  | -1                        | sip.callOptions.microphoneVolume   | must be between 0 and 100
            sip.callOptions.microphoneVolume  | 101                       | sip.callOptions.microphoneVolume   | must be between 0 and 100
            sip.callOptions.speakerVolume     | -1                        | sip.callOptions.speakerVolume      | must be between 0 and 100
            sip.callOptions.speakerVolume     | 101                       | sip.callOptions.speakerVolume      | must be between 0 and 100
            sip.callOptions.callTimeoutSeconds| 4                         | sip.callOptions.callTimeoutSeconds | must be between 5 and 300 seconds
            sip.callOptions.callTimeoutSeconds| 301                       | sip.callOptions.callTimeoutSeconds | must be between 5 and 300 seconds
            sip.callOptions.video             | {"width": 641}            | sip.callOptions.video.width        | must be even
            sip.callOptions.video             | {"width": 158}            | sip.callOptions.video.width        | must be between 160 and 1920 pixels
            sip.callOptions.video             | {"height": 1082}          | sip.callOptions.video.height       | must be between 120 and 1080 pixels
            sip.callOptions.video             | {"height": 481}           | sip.callOptions.video.height       | must be even
            sip.callOptions.video             | {"frameRate": 0}          | sip.callOptions.video.frameRate    | must be between 1 and 30
            sip.callOptions.video             | {"frameRate": 31}         | sip.callOptions.video.frameRate    | must be between 1 and 30
            sip.incomingCalls.allowedCallers  | ["400"]                   | sip.incomingCalls.allowedCallers[0] | must be a full SIP URL
            sip.incomingCalls.allowedCallers  | ["http://400@10.0.0.1"]   | sip.incomingCalls.allowedCallers[0] | must be a full SIP URL
            sip.incomingCalls.allowedCallers  | ["sip:10.40.0.224"]       | sip.incomingCalls.allowedCallers[0] | must name a user and a host
            sip.incomingCalls.allowedCallers  | ["sip:400@"]              | sip.incomingCalls.allowedCallers[0] | has an invalid host
            sip.incomingCalls.allowedCallers  | ["sip:400@bad host"]      | sip.incomingCalls.allowedCallers[0] | has an invalid host
            sip.incomingCalls.allowedCallers  | ["sip:400@10.0.0.1:99999"]| sip.incomingCalls.allowedCallers[0] | has an invalid port
            sip.incomingCalls.allowedCallers  | ["sip:4 00@10.0.0.1"]     | sip.incomingCalls.allowedCallers[0] | has an invalid user part
            sip.incomingCalls.allowedCallers  | ["sip:400@10.0.0.1", "sip:400@10.0.0.1"] | sip.incomingCalls.allowedCallers[1] | is listed twice
            sip.incomingCalls                 | {"allow": true, "mode": "SIP_SERVER", "acceptDirectCalls": true} | sip.incomingCalls.acceptDirectCalls | cannot be used with Managed by SIP Server
            sip.proxy                         | {"enabled": true, "address": null} | sip.proxy.address          | is required
            sip.proxy                         | {"enabled": true, "address": "bad host"} | sip.proxy.address    | must be an IP address or a domain name
            sip.proxy                         | {"enabled": true, "address": "proxy.lan", "port": 0} | sip.proxy.port | must be between 1 and 65535
            sip.proxy.authUsername            | "proxy-user"              | sip.proxy.authUsername             | may contain only letters and digits
            device.id                         | null                      | device.id                          | is required
            device.id                         | "door 1"                  | device.id                          | may contain only letters, digits
            device.id                         | "door/1"                  | device.id                          | may contain only letters, digits
            device.name                       | "Door\\u0000"             | device.name                        | must not contain control characters
            customConfiguration.intercom.default_server_controls_allowed_callers | "yes" | customConfiguration.intercom.default_server_controls_allowed_callers | must be true or false
            customConfiguration.bad key       | "x"                       | customConfiguration.bad key        | names may contain only letters
            """)
    void invalidValues(String path, String json, String errorPath, String message) {
        DeviceSettings settings = Documents.with(Documents.enabledExample(), path, json);

        assertThat(validator.validate(settings).asMap()).containsOnlyKeys(errorPath)
                .hasEntrySatisfying(errorPath, text -> assertThat(text).contains(message));
    }

    @ParameterizedTest(name = "{0} a second certificate")
    @CsvSource({"without, ca.pem", "with, ca.pem+second-ca.pem"})
    void caCertificatePemAcceptsOneOrSeveralCertificates(String label, String files) {
        var pem = new StringBuilder("Bundle exported from the PBX\n");
        for (String file : files.split("\\+")) {
            pem.append(Documents.resource("certificates/" + file));
        }
        DeviceSettings settings = Documents.with(Documents.enabledExample(), "sip.server.caCertificatePem",
                Documents.quoted(pem.toString()));

        assertThat(validator.validate(settings).asMap()).isEmpty();
    }

    @ParameterizedTest(name = "with SIP off, {0} = {1} is not required")
    @CsvSource(delimiter = '|', textBlock = """
            sip.server.address        | null
            sip.server.transport      | null
            sip.encryption            | null
            sip.identity              | null
            sip.identity.extension    | null
            sip.callNumber            | <absent>
            sip.callOptions.videoCalls| null
            """)
    void nothingIsRequiredWhenSipIsDisabled(String path, String json) {
        DeviceSettings settings = Documents.with(Documents.example(), path, json);

        assertThat(settings.sip().enabled()).isFalse();
        assertThat(validator.validate(settings).asMap()).isEmpty();
    }

    @ParameterizedTest(name = "with SIP off, {0} = {1} is still checked")
    @CsvSource(delimiter = '|', textBlock = """
            sip.server.port                  | 0                | sip.server.port
            sip.server.address               | "10.40.0"        | sip.server.address
            sip.callNumber                   | "sip:400"        | sip.callNumber
            sip.incomingCalls.allowedCallers | ["400"]          | sip.incomingCalls.allowedCallers[0]
            """)
    void presentValuesAreCheckedWhenSipIsDisabled(String path, String json, String errorPath) {
        DeviceSettings settings = Documents.with(Documents.example(), path, json);

        assertThat(validator.validate(settings).asMap()).containsOnlyKeys(errorPath);
    }

    @Test
    void recordsBuiltInCodeWithMissingPartsAreReportedNotThrown() {
        var sip = new SipSettings(true, null, null, null, null, null, null, null, null);

        assertThat(validator.validate(new DeviceSettings(null, null, null)).asMap()).containsOnlyKeys("device.id", "sip");
        assertThat(validator.validate(new DeviceSettings(new Device("d1", null), sip, null)).asMap()).containsOnlyKeys(
                "sip.server.address", "sip.server.transport", "sip.encryption", "sip.identity.authUsername",
                "sip.identity.extension", "sip.callNumber", "sip.callOptions");
        assertThat(validator.validate(null).asMap()).containsOnlyKeys("document");
    }

    @Test
    void aMissingSectionReportsEachRequiredFieldInIt() {
        DeviceSettings settings = Documents.with(Documents.enabledExample(), "sip.identity", "null");

        assertThat(validator.validate(settings).asMap()).containsExactly(
                org.assertj.core.api.Assertions.entry("sip.identity.authUsername", "is required when SIP is enabled"),
                org.assertj.core.api.Assertions.entry("sip.identity.extension", "is required when SIP is enabled"));
    }

    @Test
    void everyErrorIsReportedAtOnceInDocumentOrder() {
        DeviceSettings settings = Documents.enabledExample();
        settings = Documents.with(settings, "device.id", "\"a b\"");
        settings = Documents.with(settings, "sip.server.port", "70000");
        settings = Documents.with(settings, "sip.identity.authUsername", "\"a_b\"");
        settings = Documents.with(settings, "sip.callNumber", "\"sip:400\"");
        settings = Documents.with(settings, "sip.callOptions.speakerVolume", "120");

        assertThat(validator.validate(settings).asMap().keySet()).containsExactly(
                "device.id", "sip.server.port", "sip.identity.authUsername", "sip.callNumber",
                "sip.callOptions.speakerVolume");
        assertThatThrownBy(() -> validator.check(Documents.with(Documents.enabledExample(), "sip.server.port", "0")))
                .isInstanceOfSatisfying(SettingsRejected.class,
                        rejected -> assertThat(rejected.errors()).containsEntry("sip.server.port", "must be between 1 and 65535"))
                .hasMessage("sip.server.port: must be between 1 and 65535");
    }

    @ParameterizedTest(name = "{0} with port {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            TLS | null | 5061
            TLS | 5071 | 5071
            TCP | null | 5060
            UDP | null | 5060
            UDP | 5080 | 5080
            """)
    void tlsWithoutPortUsesPort5061(Transport transport, String port, int effective) {
        DeviceSettings settings = Documents.with(Documents.enabledExample(), "sip.server",
                "{\"address\": \"pbx.lan\", \"transport\": \"" + transport + "\", \"port\": " + port + "}");

        assertThat(validator.validate(settings).asMap()).isEmpty();
        assertThat(settings.sip().server().effectivePort()).isEqualTo(effective);
        assertThat(settings.sip().server().effectivePollingIntervalSeconds()).isEqualTo(30);
    }
}
