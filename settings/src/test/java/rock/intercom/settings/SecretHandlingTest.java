package rock.intercom.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Passwords: kept when an update omits them, cleared only on purpose, never shown. */
class SecretHandlingTest {

    private static final String IDENTITY_SECRET = "Id3ntity-S3cret";
    private static final String PROXY_SECRET = "Pr0xy-S3cret";
    private final SettingsCodec codec = new SettingsCodec();

    @ParameterizedTest(name = "stored {0}, update {1} → {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            old | -   | old
            old | ''  | -
            old | new | new
            -   | -   | -
            -   | new | new
            -   | ''  | -
            """)
    void anOmittedPasswordKeepsTheStoredOneAndAnEmptyOneClearsIt(String stored, String given, String expected) {
        DeviceSettings before = withPasswords(Documents.enabledExample(), stored, stored);
        DeviceSettings update = withPasswords(Documents.with(Documents.enabledExample(), "sip.callNumber", "\"410\""), given, given);

        DeviceSettings merged = SecretMerge.merge(before, update);

        assertThat(merged.sip().identity().authPassword()).isEqualTo(expected);
        assertThat(merged.sip().proxy().authPassword()).isEqualTo(expected);
        assertThat(merged.sip().callNumber()).isEqualTo("410");
        assertThat(merged.sip().identity().authUsername()).isEqualTo("505");
    }

    @Test
    void anUpdateReadFromJsonWithoutPasswordsKeepsBoth() throws Exception {
        DeviceSettings stored = withPasswords(Documents.enabledExample(), IDENTITY_SECRET, PROXY_SECRET);
        // What a client sends back after GET: the redacted view, edited.
        String edited = codec.writeRedactedJson(stored).replace("\"speakerVolume\" : 70", "\"speakerVolume\" : 55");

        DeviceSettings merged = SecretMerge.merge(stored, codec.readJson(edited));

        assertThat(merged.sip().callOptions().speakerVolume()).isEqualTo(55);
        assertThat(merged.sip().identity().authPassword()).isEqualTo(IDENTITY_SECRET);
        assertThat(merged.sip().proxy().authPassword()).isEqualTo(PROXY_SECRET);
    }

    @Test
    void theApiViewNeverHoldsAPasswordOnlyWhetherOneIsSet() throws Exception {
        DeviceSettings settings = withPasswords(Documents.enabledExample(), IDENTITY_SECRET, PROXY_SECRET);

        String json = codec.writeRedactedJson(settings);
        JsonNode tree = new ObjectMapper().readTree(json);

        assertThat(json).doesNotContain(IDENTITY_SECRET).doesNotContain(PROXY_SECRET).doesNotContain("authPassword\"");
        assertThat(codec.redactedTree(settings).toString()).doesNotContain(IDENTITY_SECRET).doesNotContain(PROXY_SECRET);
        assertThat(tree.at("/sip/identity/authPasswordSet").booleanValue()).isTrue();
        assertThat(tree.at("/sip/proxy/authPasswordSet").booleanValue()).isTrue();
        assertThat(tree.at("/sip/identity/authUsername").textValue()).isEqualTo("505");

        JsonNode cleared = codec.redactedTree(withPasswords(settings, "", ""));
        assertThat(cleared.at("/sip/identity/authPasswordSet").booleanValue()).isFalse();
        assertThat(cleared.at("/sip/proxy/authPasswordSet").booleanValue()).isFalse();
    }

    @Test
    void toStringOfEveryRecordHidesPasswords() {
        DeviceSettings settings = withPasswords(Documents.enabledExample(), IDENTITY_SECRET, PROXY_SECRET);

        assertThat(settings.toString()).doesNotContain(IDENTITY_SECRET).doesNotContain(PROXY_SECRET).contains("***");
        assertThat(settings.sip().toString()).doesNotContain(IDENTITY_SECRET).doesNotContain(PROXY_SECRET);
        assertThat(new SettingsChange(settings, settings).toString()).doesNotContain(IDENTITY_SECRET).doesNotContain(PROXY_SECRET);
    }

    @Test
    void validationMessagesNeverQuoteAPassword() {
        String longSecret = "S".repeat(SettingsValidator.MAX_PASSWORD_LENGTH + 1);
        DeviceSettings settings = withPasswords(Documents.enabledExample(), longSecret, longSecret);

        ValidationErrors errors = new SettingsValidator().validate(settings);

        assertThat(errors.asMap()).containsOnlyKeys("sip.identity.authPassword", "sip.proxy.authPassword");
        assertThat(errors.toString()).doesNotContain(longSecret.substring(0, 20));
    }

    private static DeviceSettings withPasswords(DeviceSettings base, String identityPassword, String proxyPassword) {
        DeviceSettings withIdentity = Documents.with(base, "sip.identity.authPassword", json(identityPassword));
        return Documents.with(withIdentity, "sip.proxy.authPassword", json(proxyPassword));
    }

    private static String json(String text) {
        return text == null ? "null" : Documents.quoted(text);
    }
}
