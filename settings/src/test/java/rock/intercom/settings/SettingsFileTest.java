package rock.intercom.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsFileTest {

    @TempDir
    Path directory;

    private final SettingsCodec codec = new SettingsCodec();
    private final SettingsValidator validator = new SettingsValidator();

    @Test
    void savesAndLoadsTheSameSettingsOwnerReadableOnlyWithNoTemporaryLeft() throws IOException {
        Path path = directory.resolve("device.yaml");
        var file = new SettingsFile(path, codec, validator);

        file.save(Documents.enabledExample());

        assertThat(file.load()).isEqualTo(Documents.enabledExample());
        assertThat(Files.readString(path)).startsWith(SettingsFile.HEADER).contains("authPassword: change-me");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
        assertThat(filesIn(directory)).containsExactly("device.yaml");
    }

    @Test
    void replacingAnExistingFileKeepsItOwnerReadableOnly() throws IOException {
        Path path = directory.resolve("device.yaml");
        Files.writeString(path, Documents.exampleYaml());
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
        var file = new SettingsFile(path, codec, validator);

        file.save(Documents.enabledExample());

        assertThat(file.load().sip().enabled()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
    }

    @Test
    void aFailedSaveLeavesTheOldBytesAndNoTemporary() throws IOException {
        Path path = directory.resolve("device.yaml");
        Files.writeString(path, Documents.exampleYaml());
        byte[] before = Files.readAllBytes(path);
        // A directory where the file should be cannot be replaced by a rename onto it.
        Path blocked = directory.resolve("blocked.yaml");
        Files.createDirectory(blocked);
        Files.writeString(blocked.resolve("keep"), "x");

        assertThatThrownBy(() -> new SettingsFile(blocked, codec, validator).save(Documents.enabledExample()))
                .isInstanceOf(IOException.class);

        assertThat(Files.readAllBytes(path)).isEqualTo(before);
        assertThat(filesIn(directory)).containsExactlyInAnyOrder("device.yaml", "blocked.yaml");
    }

    @Test
    void loadReportsEveryBadFieldOfTheFile() throws IOException {
        Path path = directory.resolve("device.yaml");
        Files.writeString(path, "device: {id: 'door 1'}\nsip:\n  enabled: true\n  server: {port: abc}\n",
                StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new SettingsFile(path, codec, validator).load())
                .isInstanceOfSatisfying(SettingsRejected.class, rejected ->
                        assertThat(rejected.errors()).containsEntry("sip.server.port", "must be a whole number"));
        Files.writeString(path, "device: {id: 'door 1'}\nsip:\n  enabled: true\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new SettingsFile(path, codec, validator).load())
                .isInstanceOfSatisfying(SettingsRejected.class, rejected -> assertThat(rejected.errors())
                        .containsKeys("device.id", "sip.server.address", "sip.identity.authUsername", "sip.callNumber"));
    }

    private static Stream<String> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).toList().stream();
        }
    }
}
