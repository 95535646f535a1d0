package rock.intercom.portal.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rock.intercom.portal.Json;

class SettingsFormReaderTest {

    static final JsonNode VIEW = read("""
            {"device": {"id": "rockx-505", "name": "RockX-505"},
             "sip": {"server": {"caCertificatePem": "-----BEGIN CERTIFICATE-----stored"},
                     "identity": {"authPasswordSet": true}}}""");

    static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, List<String>> form(String... pairs) {
        Map<String, List<String>> form = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return form;
    }

    @Test
    void fieldsBecomeTheDocumentShape() {
        var reading = SettingsFormReader.read(form(
                "device.id", "forged", "device.name", " RockX-505 ",
                "sip.enabled", "true", "sip.server.address", "10.40.0.224", "sip.server.port", "5060",
                "sip.server.transport", "TCP", "sip.encryption", "SRTP_ONLY",
                "sip.fallbackNumbers", "401", "sip.fallbackNumbers", "", "sip.fallbackNumbers", "402",
                "sip.incomingCalls.allow", "true", "sip.incomingCalls.mode", "SIP_SERVER",
                "customConfiguration.name", "intercom.default_server_controls_allowed_callers",
                "customConfiguration.value", "true",
                "customConfiguration.name", "", "customConfiguration.value", ""), null, VIEW);
        assertThat(reading.errors()).isEmpty();
        JsonNode doc = reading.document();
        assertThat(doc.at("/device/id").asText()).isEqualTo("rockx-505");
        assertThat(doc.at("/device/name").asText()).isEqualTo("RockX-505");
        assertThat(doc.at("/sip/enabled").asBoolean()).isTrue();
        assertThat(doc.at("/sip/server/port").isInt()).isTrue();
        assertThat(doc.at("/sip/fallbackNumbers").toString()).isEqualTo("[\"401\",\"402\"]");
        assertThat(doc.at("/sip/proxy/enabled").asBoolean()).isFalse();
        assertThat(doc.at("/sip/incomingCalls/mode").asText()).isEqualTo("SIP_SERVER");
        assertThat(doc.at("/sip/incomingCalls/acceptDirectCalls").asBoolean()).as("unchecked box").isFalse();
        assertThat(doc.at("/customConfiguration").toString())
                .isEqualTo("{\"intercom.default_server_controls_allowed_callers\":\"true\"}");
        assertThat(doc.at("/sip/server/caCertificatePem").asText()).endsWith("stored");
    }

    @Test
    void acceptDirectCallsIsACheckbox() {
        var reading = SettingsFormReader.read(form("sip.incomingCalls.acceptDirectCalls", "true"), null, VIEW);
        assertThat(reading.document().at("/sip/incomingCalls/acceptDirectCalls").asBoolean()).isTrue();
    }

    @Test
    void blankPasswordsAreLeftOutSoTheStoredOnesStay() {
        var reading = SettingsFormReader.read(form("sip.identity.authPassword", "", "sip.proxy.authPassword", "new-pw"),
                null, VIEW);
        assertThat(reading.document().at("/sip/identity").has("authPassword")).isFalse();
        assertThat(reading.document().at("/sip/proxy/authPassword").asText()).isEqualTo("new-pw");
    }

    @Test
    void theDoorSectionIsPartOfEveryDocumentAndABlankCodeIsKept() {
        var reading = SettingsFormReader.read(form("door.release.enabled", "true", "door.release.dtmfCode", "",
                "door.release.pulseSeconds", "4", "door.release.during", "INCOMING", "door.callProgressTones", "UK"),
                null, VIEW);
        assertThat(reading.errors()).isEmpty();
        JsonNode door = reading.document().at("/door");
        assertThat(door.at("/release/enabled").asBoolean()).isTrue();
        assertThat(door.at("/release").has("dtmfCode")).isFalse();
        assertThat(door.at("/release/pulseSeconds").asInt()).isEqualTo(4);
        assertThat(door.at("/release/during").toString()).isEqualTo("[\"INCOMING\"]");
        assertThat(door.at("/callProgressTones").asText()).isEqualTo("UK");

        var newCode = SettingsFormReader.read(form("door.release.dtmfCode", "*12#"), null, VIEW);
        assertThat(newCode.document().at("/door/release/dtmfCode").asText()).isEqualTo("*12#");
        assertThat(newCode.document().at("/door/release/enabled").asBoolean()).isFalse();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"door.release.pulseSeconds,soon", "sip.server.port,abc", "sip.callOptions.speakerVolume,7.5", "sip.proxy.port,5060x"})
    void numbersThatAreNotNumbersAreFieldErrors(String field, String value) {
        var reading = SettingsFormReader.read(form(field, value), null, VIEW);
        assertThat(reading.errors()).containsEntry(field, "must be a whole number");
    }

    @Test
    void customConfigurationNeedsNamesAndNoDuplicates() {
        var reading = SettingsFormReader.read(form("customConfiguration.name", "", "customConfiguration.value", "x",
                "customConfiguration.name", "a", "customConfiguration.value", "1",
                "customConfiguration.name", "a", "customConfiguration.value", "2"), null, VIEW);
        assertThat(reading.errors()).containsKeys("customConfiguration", "customConfiguration.a");
    }

    @Test
    void uploadedCertificateMustBePemX509AndRemoveClearsIt() {
        var bad = SettingsFormReader.read(form(), "hello".getBytes(StandardCharsets.US_ASCII), VIEW);
        assertThat(bad.errors()).containsKey("sip.server.caCertificatePem");
        var broken = SettingsFormReader.read(form(),
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".getBytes(StandardCharsets.US_ASCII), VIEW);
        assertThat(broken.errors()).containsKey("sip.server.caCertificatePem");
        var removed = SettingsFormReader.read(form(SettingsFormReader.CA_REMOVE_FIELD, "true"), null, VIEW);
        assertThat(removed.document().at("/sip/server/caCertificatePem").isNull()).isTrue();
    }

    @Test
    void theVideoSizeIsLeftOutWhenBlankAndReadAsNumbersOtherwise() {
        assertThat(SettingsFormReader.read(form("sip.callOptions.video.width", " "), null, VIEW).document()
                .at("/sip/callOptions").has("video")).as("all blank: the device's defaults").isFalse();
        var reading = SettingsFormReader.read(form("sip.callOptions.video.width", "800",
                "sip.callOptions.video.height", "600", "sip.callOptions.video.frameRate", "ten"), null, VIEW);
        assertThat(reading.document().at("/sip/callOptions/video/width").isInt()).isTrue();
        assertThat(reading.document().at("/sip/callOptions/video/height").asInt()).isEqualTo(600);
        assertThat(reading.errors()).containsOnlyKeys("sip.callOptions.video.frameRate");
    }
}
