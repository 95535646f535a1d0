package rock.intercom.settings;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whatever arrives, reading and validating either succeeds or names fields: never another exception. */
class SettingsCodecFuzzTest {

    private static final List<String> PATHS = List.of("device", "device.id", "device.name", "sip", "sip.enabled",
            "sip.server", "sip.server.address", "sip.server.port", "sip.server.transport",
            "sip.server.pollingIntervalSeconds", "sip.server.caCertificatePem", "sip.encryption", "sip.identity",
            "sip.identity.authUsername", "sip.identity.authPassword", "sip.identity.displayName",
            "sip.identity.extension", "sip.callNumber", "sip.fallbackNumbers", "sip.callOptions",
            "sip.callOptions.microphoneVolume", "sip.callOptions.speakerVolume", "sip.callOptions.callTimeoutSeconds",
            "sip.callOptions.videoCalls", "sip.incomingCalls", "sip.incomingCalls.allow", "sip.incomingCalls.mode",
            "sip.incomingCalls.allowedCallers", "sip.incomingCalls.acceptDirectCalls", "sip.proxy", "sip.proxy.enabled", "sip.proxy.address", "sip.proxy.port",
            "sip.proxy.authUsername", "sip.proxy.authPassword", "customConfiguration", "customConfiguration.k",
            "door", "door.release", "door.release.enabled", "door.release.dtmfCode", "door.release.pulseSeconds",
            "door.release.during", "door.callProgressTones");
    private static final List<String> VALUES = List.of("null", "0", "-1", "1.5", "1e400", "99999999999999999999",
            "true", "\"\"", "\"x\"", "\" \"", "[]", "{}", "[1]", "[null]", "{\"a\": 1}", "[[]]", "\"\\u0000\"");

    /** One test over the whole cross product: 600 named rows would cost more in reporting than in checking. */
    @Test
    void anyValueInAnyFieldIsReadOrNamed() {
        for (String path : PATHS) {
            for (String json : VALUES) {
                var tree = Documents.treeWith(Documents.enabledExample(), path, json);
                assertThatCode(() -> {
                    try {
                        new SettingsValidator().validate(Documents.CODEC.read(tree));
                    } catch (SettingsRejected rejected) {
                        assertThat(rejected.errors()).isNotEmpty();
                    }
                }).as("%s = %s", path, json).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void mangledTextIsReadOrRejectedAsAWhole() {
        String yaml = Documents.exampleYaml();
        String json = Documents.CODEC.writeRedactedJson(Documents.enabledExample());
        var random = new Random(20261127L);
        for (int round = 0; round < 1000; round++) {
            String source = round % 2 == 0 ? yaml : json;
            String mangled = mangle(source, random);
            assertThatCode(() -> readAndValidate(mangled, source == yaml))
                    .as("round %d:%n%s", round, mangled).doesNotThrowAnyException();
        }
    }

    private static void readAndValidate(String text, boolean yaml) {
        try {
            new SettingsValidator().validate(yaml ? Documents.CODEC.readYaml(text) : Documents.CODEC.readJson(text));
        } catch (SettingsRejected rejected) {
            assertThat(rejected.errors()).isNotEmpty();
        }
    }

    /** Flips, deletes, duplicates or truncates a few characters, the way a bad edit or transfer would. */
    private static String mangle(String source, Random random) {
        var text = new StringBuilder(source);
        int edits = 1 + random.nextInt(4);
        String alphabet = "{}[]:,\"'-#&*!|>%@`\n \t0aZ\\\u00e9";
        for (int i = 0; i < edits && text.length() > 1; i++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(4)) {
                case 0 -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                case 1 -> text.deleteCharAt(at);
                case 2 -> text.insert(at, text.charAt(random.nextInt(text.length())));
                default -> text.setLength(at);
            }
        }
        return text.toString();
    }

    private static final SettingsCodec CODEC = new SettingsCodec();

    /**
     * Jazzer target: any text is either read into settings that survive a write/read round trip,
     * or refused with {@link SettingsRejected} — never another exception. In the suite it replays
     * its seed corpus ({@code SettingsCodecFuzzTestInputs/}); {@code JAZZER_FUZZ=1} fuzzes.
     */
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
