package rock.intercom.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code door.release}: defaults, validation field by field, and the code kept secret like a password. */
class DoorReleaseSettingsTest {

    private final SettingsValidator validator = new SettingsValidator();

    @Test
    void aDocumentWithoutADoorSectionGetsTheDefaults() {
        DeviceSettings example = Documents.example();
        assertThat(example.door()).isEqualTo(DoorSettings.DEFAULTS);
        assertThat(example.door().release().enabled()).isFalse();
        assertThat(example.door().release().pulseSeconds()).isEqualTo(5);
        assertThat(example.door().release().during()).containsExactly(ReleaseDuring.INCOMING, ReleaseDuring.OUTGOING);
        assertThat(example.door().callProgressTones()).isEqualTo(ToneRegion.EUROPE);
    }

    @ParameterizedTest(name = "{0} = {1} → {2}: {3}")
    @CsvSource(delimiter = '|', value = {
            "door.release.enabled      | true              | door.release.dtmfCode     | is required when door release is enabled",
            "door.release.dtmfCode     | \"12a4\"          | door.release.dtmfCode     | must be 1 to 8 of the DTMF digits 0-9, * and #",
            "door.release.dtmfCode     | \"123456789\"     | door.release.dtmfCode     | must be 1 to 8 of the DTMF digits 0-9, * and #",
            "door.release.pulseSeconds | 0                 | door.release.pulseSeconds | must be between 1 and 60 seconds",
            "door.release.pulseSeconds | 61                | door.release.pulseSeconds | must be between 1 and 60 seconds",
            "door.release.pulseSeconds | \"soon\"          | door.release.pulseSeconds | must be a whole number",
            "door.release.during       | [\"SIDEWAYS\"]    | door.release.during[0]    | must be one of INCOMING, OUTGOING",
            "door.callProgressTones    | \"MARS\"          | door.callProgressTones    | must be one of EUROPE, NORTH_AMERICA, UK",
            "door.release.secret       | 1                 | door.release.secret       | is not a known setting",
    })
    void badValuesAreRefusedFieldByField(String path, String json, String errorPath, String message) {
        ValidationErrors errors;
        try {
            errors = validator.validate(Documents.with(Documents.enabledExample(), path, json));
        } catch (SettingsRejected rejected) {
            errors = new ValidationErrors();
            rejected.errors().forEach(errors::add);
        }
        assertThat(errors.asMap()).containsKey(errorPath);
        assertThat(errors.asMap().get(errorPath)).contains(message);
    }

    @Test
    void anEnabledReleaseWithACodeAndNoCallsIsRefused() {
        DeviceSettings settings = Documents.with(Documents.with(Documents.with(Documents.enabledExample(),
                "door.release.enabled", "true"), "door.release.dtmfCode", "\"*1#\""), "door.release.during", "[]");
        assertThat(validator.validate(settings).asMap()).containsOnlyKeys("door.release.during");
    }

    @Test
    void theCodeIsNeverInTheApiViewAndAnOmittedCodeIsKept() {
        DeviceSettings stored = Documents.with(Documents.with(Documents.enabledExample(),
                "door.release.enabled", "true"), "door.release.dtmfCode", "\"4711\"");
        assertThat(validator.validate(stored).isEmpty()).isTrue();
        String view = Documents.CODEC.writeRedactedJson(stored);
        assertThat(view).doesNotContain("4711").containsPattern("\"dtmfCodeSet\"\\s*:\\s*true");

        DeviceSettings fromClient = Documents.CODEC.readJson(view);
        assertThat(fromClient.door().release().dtmfCode()).isNull();
        DeviceSettings merged = SecretMerge.merge(stored, fromClient);
        assertThat(merged.door().release().dtmfCode()).isEqualTo("4711");

        DeviceSettings cleared = SecretMerge.merge(stored, Documents.with(fromClient, "door.release.dtmfCode", "\"\""));
        assertThat(cleared.door().release().codeSet()).isFalse();
    }

    @Test
    void theConfigFileKeepsTheCodeAndRoundTrips() {
        DeviceSettings stored = Documents.with(Documents.with(Documents.with(Documents.enabledExample(),
                "door.release.enabled", "true"), "door.release.dtmfCode", "\"4711\""), "door.callProgressTones", "\"UK\"");
        DeviceSettings again = Documents.CODEC.readYaml(Documents.CODEC.writeYaml(stored));
        assertThat(again.door()).isEqualTo(new DoorSettings(new DoorRelease(true, "4711", 5,
                List.of(ReleaseDuring.INCOMING, ReleaseDuring.OUTGOING)), ToneRegion.UK));
    }
}
