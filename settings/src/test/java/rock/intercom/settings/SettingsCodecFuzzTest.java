package rock.intercom.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target of the settings codec: any text is either read into settings that survive a
 * write/read round trip, or refused with {@link SettingsRejected} — never another exception.
 * In the suite it replays its seed corpus ({@code SettingsCodecFuzzTestInputs/}); {@code JAZZER_FUZZ=1} fuzzes.
 */
class SettingsCodecFuzzTest {

    private static final SettingsCodec CODEC = new SettingsCodec();

    @FuzzTest(maxDuration = "30s")
    void documentsAreReadOrRejected(FuzzedDataProvider data) {
        boolean json = data.consumeBoolean();
        String text = data.consumeRemainingAsString();
        DeviceSettings settings;
        try {
            settings = json ? CODEC.readJson(text) : CODEC.readYaml(text);
        } catch (SettingsRejected refused) {
            return;
        }
        assertThat(CODEC.readYaml(CODEC.writeYaml(settings))).isEqualTo(settings);
    }
}
